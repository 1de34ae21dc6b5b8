"""The report desk in the admin. Each screen registers its own hooks in its module; importing them
here is what makes Wagtail load them."""

from content.reports import (  # noqa: F401 (each registers its hooks)
    admin_cases,
    admin_factcheck,
    admin_partner,
    admin_summary,
)
