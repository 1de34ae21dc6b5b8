import pytest
from django.test import RequestFactory

from content.base.clients import client_address


def _request(forwarded=None, remote="10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no trusted proxy: the header is the client's word
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left is ignored
        (2, "1.2.3.4, 203.0.113.7, 172.16.0.9", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.2"),  # too short to hold both proxies' entries
        (1, None, "10.0.0.2"),
        (1, " , ", "10.0.0.2"),
    ],
)
def test_the_client_is_the_entry_the_trusted_proxies_wrote(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request(forwarded)) == expected
