"""The site's public address as its environment states it: SITE_URL in production; in
development the address `make run` serves on (HOST, PORT, and PUBLIC_HOST for phones on the
same network). Plain functions without Django models, so the settings can use them.

The address is stored on the default Wagtail Site (hostname and port), which writes
``http://host`` for port 80, ``https://host`` for port 443 and ``http://host:port`` otherwise;
every absolute URL the site writes is made from it (content/base/site_address.py).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

# Needs no settings: the settings modules import this module.
from django.core.exceptions import ImproperlyConfigured

# Addresses a server listens on to mean "every interface": no one can browse to them.
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}
LOCAL_NAMES = {"localhost", "testserver"}
# What `runserver` and the usual development servers listen on.
DEVELOPMENT_PORTS = {3000, 5000, 8000, 8001, 8008, 8080, 8443, 8888, 9000}


class AddressError(ValueError):
    pass


@dataclass(frozen=True)
class Address:
    scheme: str
    hostname: str
    port: int

    @property
    def url(self):
        """As the Wagtail Site writes it (its root_url)."""
        if self.port == 80:
            return f"http://{self.hostname}"
        if self.port == 443:
            return f"https://{self.hostname}"
        return f"http://{self.hostname}:{self.port}"


def parse(url):
    """The Address of `url` ("https://lentera.example.go.id"), or AddressError saying why it
    cannot be the site's address."""
    text = (url or "").strip()
    if not text:
        raise AddressError("empty")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise AddressError(f"not a URL: {error}") from None
    if parts.scheme not in ("http", "https"):
        raise AddressError("the scheme must be http:// or https://")
    if not parts.hostname:
        raise AddressError("no host name")
    if parts.username or parts.password:
        raise AddressError("no user name or password in the address")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise AddressError("only scheme, host and port: the site is served from its root")
    if ":" in parts.hostname:
        raise AddressError("an IPv6 address cannot be a Wagtail Site's host name")
    default = 443 if parts.scheme == "https" else 80
    port = default if port is None else port
    # A Wagtail Site has no scheme of its own: port 443 means https, any other http.
    if parts.scheme == "https" and port != 443:
        raise AddressError("https is served on port 443 (a Wagtail Site says http otherwise)")
    if parts.scheme == "http" and port == 443:
        raise AddressError("port 443 is https")
    return Address(parts.scheme, parts.hostname.lower(), port)


def _is_local_ip(hostname):
    try:
        ip = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified or ip.is_private or ip.is_link_local


def development_reasons(address):
    """Why `address` is a development address rather than a public one (empty: it is not)."""
    reasons = []
    host = address.hostname
    if host in LOCAL_NAMES or host in WILDCARD_HOSTS or host.endswith((".localhost", ".local")):
        reasons.append(f"host {host} is this machine or a test name")
    elif _is_local_ip(host):
        reasons.append(f"host {host} is a loopback or private network address")
    if address.scheme != "https":
        reasons.append("the scheme is http:// (participants' logins would travel unencrypted)")
    if address.port in DEVELOPMENT_PORTS:
        reasons.append(f"port {address.port} is a development server's port")
    return reasons


def lan_address():
    """This machine's address on its local network (what phones on the same Wi-Fi reach), or
    127.0.0.1 when it has none. Connecting a UDP socket sends nothing; it only picks the
    interface a packet would leave by."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def development_address(environ):
    """The address `make run` serves on: HOST (default 127.0.0.1) and PORT (default 8000).
    When HOST listens on every interface (0.0.0.0), the address others browse to is
    PUBLIC_HOST, or else this machine's local network address."""
    host = environ.get("HOST", "").strip() or "127.0.0.1"
    try:
        port = int(environ.get("PORT", "").strip() or "8000")
    except ValueError:
        raise AddressError(f"PORT must be a number, not {environ.get('PORT')!r}") from None
    public = environ.get("PUBLIC_HOST", "").strip()
    if not public:
        public = lan_address() if host in WILDCARD_HOSTS else host
    return parse(f"http://{public}:{port}")


def root_url(url):
    """`url` as the Site writes it; settings fail at start-up on an address that cannot be."""
    try:
        return parse(url).url
    except AddressError as error:
        raise ImproperlyConfigured(f"SITE_URL {url!r}: {error}.") from None
