"""Links to posts: which platform, and one normalised spelling per post so that reports of the same
post group into one case. Pure functions: the server never fetches a reported link."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from content.reports.models.choices import Platform

MAX_LINK_LENGTH = 500

_PLATFORM_HOSTS = {
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.watch", "fb.me"),
    Platform.INSTAGRAM: ("instagram.com", "instagr.am"),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.X: ("x.com", "twitter.com", "t.co"),
    Platform.YOUTUBE: ("youtube.com", "youtu.be", "youtube-nocookie.com"),
    Platform.WHATSAPP: ("whatsapp.com", "wa.me"),
}
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = {"fbclid", "igshid", "igsh", "si", "feature", "ref", "_r", "_t", "s", "t"}


def _host(url):
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile.", "web.", "vm.", "vt."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def platform_of(url):
    host = _host(url)
    for platform, hosts in _PLATFORM_HOSTS.items():
        if any(host == known or host.endswith("." + known) for known in hosts):
            return platform
    return Platform.OTHER


def normalise(url):
    """One spelling per post. A first version (scheme, host, tracking parameters, trailing
    slash); platform-specific share and short-link forms are handled by the platform rules."""
    parts = urlsplit(url.strip())
    host = _host(url)
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=False)
        if name.lower() not in _TRACKING and not name.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def domain_of(url):
    return _host(url)
