"""Certificates' part in erasing a participant's data (registered in apps.py); see
services/erasure.py for what is erased and what stays."""

from content.certificates.selectors import holder_traces
from content.certificates.services.erasure import certificate_holders_erase
from content.people.erasure import register_erasure_handler

register_erasure_handler("certificates", certificate_holders_erase, traces=holder_traces)
