"""Links to posts: whether a link is acceptable, which platform it is on, and one normalised
spelling per post, so that reports of the same post group into one case (CaseLink.normalised
is unique).

Pure functions on text: the server never fetches a reported link (no SSRF, no tracking pixel for
the people who posted it). What cannot be resolved without fetching (fb.watch/…, vm.tiktok.com/…,
t.co/…, facebook.com/share/…) stays a key of its own.

- check(url): None when the link is acceptable, else the Indonesian message to show. The public
  form calls it for every line of its `links` field before submitting.
- normalise(url): the key. Generic part (scheme and host case, IDNA hosts in punycode, default
  ports, dot segments, percent-encoding in one minimal upper-case form) by url-normalize; then
  per platform: share, mobile and short forms to the one spelling of the post, tracking parameters
  dropped, the parameters that name the post kept. Always `https://`, at most MAX_KEY_LENGTH
  characters, idempotent, never raises (a link check() refuses gets a digest key of its text).
- platform_of(url): the Platform the link is on (OTHER when none of the known ones).
- domain_of(url): the host to show beside a link shown as text ("facebook.com").
"""

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import idna
from url_normalize import url_normalize

from content.reports.models.choices import Platform

MAX_LINK_LENGTH = 2000  # what check() accepts: long tracking-laden share links normalise short
MAX_KEY_LENGTH = 500  # CaseLink.normalised
MAX_HOST_LENGTH = 253

_DOMAINS = {
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.watch", "fb.me"),
    Platform.INSTAGRAM: ("instagram.com", "instagr.am"),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.X: ("x.com", "twitter.com", "t.co", "fxtwitter.com", "vxtwitter.com", "fixupx.com"),
    Platform.YOUTUBE: ("youtube.com", "youtu.be", "youtube-nocookie.com"),
    Platform.WHATSAPP: ("whatsapp.com", "wa.me"),
}
# Mobile and regional prefixes that show the same page (only stripped when a domain remains).
_SAME_SITE_PREFIXES = ("www.", "m.", "mobile.", "web.")

# Parameters that only say who shared, from where, or which tracking campaign: dropped everywhere.
_TRACKING = frozenset(
    {"fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
     "ttclid", "igshid", "igsh", "mibextid", "rdid", "share_url", "si", "feature", "ref",
     "ref_src", "ref_url", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
     "__tn__", "__xts__", "__cft__", "sfnsn", "wtsid"}
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "__cft__", "__xts__", "at_", "pk_")
# Per platform, on top of those.
_X_TRACKING = frozenset({"s", "t", "src", "cxt", "lang"})
_TIKTOK_TRACKING = frozenset(
    {"_r", "_t", "_d", "is_from_webapp", "sender_device", "is_copy_url", "web_id", "lang",
     "checksum", "sec_uid", "share_app_id", "share_item_id", "share_link_id", "tt_from", "u_code",
     "timestamp", "user_id", "sec_user_id", "enter_from", "social_share_type", "source"}
)  # fmt: skip
_YOUTUBE_TRACKING = frozenset({"t", "pp", "ab_channel", "embeds_referring_euri", "app"})

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGEST_KEY = re.compile(r"https://[a-z0-9.-]{1,253}(?::\d{1,5})?/\.sha256/[0-9a-f]{64}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")
_INVALID_HOST = "tautan-tidak-sah.invalid"
_SHIMS = {"l.facebook.com", "lm.facebook.com", "l.instagram.com"}  # ?u=<the real link>


def check(url):
    """None when `url` is a link the desk can take, else why not, in Indonesian. Refused: empty,
    longer than MAX_LINK_LENGTH, text around the link, another scheme than http(s) (a link
    without a scheme is read as https://), no host, a user name or password in the link, a host
    that is not a domain name. Nothing is fetched."""
    text = (url or "").strip()
    if not text:
        return "Tautan kosong."
    if len(text) > MAX_LINK_LENGTH:
        return f"Tautan terlalu panjang (lebih dari {MAX_LINK_LENGTH:,} karakter).".replace(
            ",", "."
        )
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in text):
        return "Tulis satu tautan per baris, tanpa spasi atau teks lain."
    text = _with_scheme(text)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        host = parts.hostname
    except ValueError:
        return "Tautan tidak dapat dibaca. Salin ulang tautan dari aplikasinya."
    if parts.scheme.lower() not in ("http", "https"):
        return "Hanya tautan web (http:// atau https://) yang dapat diterima."
    if "@" in parts.netloc:
        return "Tautan tidak boleh memuat nama pengguna atau kata sandi."
    if not host:
        return "Tautan tidak memuat alamat situs."
    if _ascii_host(host) is None:
        return "Alamat situs pada tautan tidak sah."
    return None


def normalise(url):
    """The one spelling of the post `url` points to (see the module's docstring)."""
    text = (url or "").strip()
    if _DIGEST_KEY.fullmatch(text):
        return text
    if check(text) is not None:
        return _digest_key(_INVALID_HOST, text)
    try:
        key = _normalise(_with_scheme(text))
    except (ValueError, UnicodeError):
        return _digest_key(_INVALID_HOST, text)
    if len(key) > MAX_KEY_LENGTH:
        return _digest_key(urlsplit(key).netloc, key)
    return key


def platform_of(url):
    """The platform a link is on, from its host alone."""
    try:
        host = urlsplit(_with_scheme((url or "").strip())).hostname or ""
    except ValueError:
        return Platform.OTHER
    host = host.rstrip(".").lower()
    if host in _SHIMS:  # where the "you are leaving Facebook" page sends
        host = urlsplit(normalise(url)).hostname or ""
    return _platform_of_host(host)


def _platform_of_host(host):
    for platform, domains in _DOMAINS.items():
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return platform
    return Platform.OTHER


def domain_of(url):
    """The host to show beside a link shown as text: lower case, without www./m. prefixes."""
    try:
        host = urlsplit(_with_scheme((url or "").strip())).hostname or ""
    except ValueError:
        return ""
    return _same_site(host.rstrip("."))


# The steps of normalise().


def _with_scheme(text):
    """`facebook.com/...` as people paste it from an app's share sheet: read as https://."""
    if text.startswith("//"):
        return "https:" + text
    if _SCHEME.match(text):
        return text
    return "https://" + text


def _ascii_host(host):
    host = host.rstrip(".")
    if host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        return host if "." in host or ":" in host else None  # an IP address: just text to us
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    if "." not in ascii_host or len(ascii_host) > MAX_HOST_LENGTH:
        return None
    return ascii_host


def _digest_key(host, text):
    """A bounded key for what cannot be spelled within MAX_KEY_LENGTH (or is not a link)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    host = host if re.fullmatch(r"[a-z0-9.-]{1,253}(?::\d{1,5})?", host) else _INVALID_HOST
    return f"https://{host}/.sha256/{digest}"


def _normalise(text, depth=0):
    generic = url_normalize(text)
    parts = urlsplit(generic)
    host = _ascii_host(parts.hostname or "")
    if host is None:
        raise ValueError("no host")
    port = parts.port
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    if host in _SHIMS and depth == 0:  # the platform's "you are leaving" page: the real link
        target = _first(query, "u")
        if target and check(target) is None:
            return _normalise(_with_scheme(target), depth=1)
    path = re.sub("/{2,}", "/", parts.path)
    fragment = parts.fragment
    platform = _platform_of_host(host)
    rule = _RULES.get(platform)
    if rule is not None:
        found = rule(host, path, query, fragment)
        if isinstance(found, str):
            return found
        host, path, query = found
        fragment = ""
    else:
        host = _same_site(host)
        # Routes after "#!" or "#/" name a page on sites that route by fragment; others are
        # positions within the page.
        fragment = unquote(fragment)
        fragment = quote(fragment, safe="/!?=&") if fragment[:1] in ("!", "/") else ""
    return _build(host, port, path, query, fragment)


def _build(host, port, path, query, fragment=""):
    path = path.rstrip("/") or "/"
    netloc = host if port is None or port == 443 else f"{host}:{port}"
    key = f"https://{netloc}{path}"
    if query:
        key += "?" + urlencode(sorted(set(query)), quote_via=quote, safe="")
    if fragment:
        key += "#" + fragment
    return key


def _is_tracking(name):
    lowered = name.lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)


def _same_site(host):
    changed = True
    while changed:
        changed = False
        for prefix in _SAME_SITE_PREFIXES:
            rest = host[len(prefix) :]
            if host.startswith(prefix) and "." in rest:
                host, changed = rest, True
    return host


def _first(query, name):
    for key, value in query:
        if key == name:
            return value
    return None


def _segments(path):
    return [unquote(segment) for segment in path.split("/") if segment]


def _keep(query, *names):
    return [(name, value) for name, value in query if name in names and value]


# Per platform: (host, path, query, fragment) -> a finished key, or (host, path, query) for
# _build. Identifiers keep their case (YouTube, Instagram and share codes are case-sensitive);
# user names, which the platforms treat case-insensitively, are lower-cased.

_NUMBER = re.compile(r"\d{1,30}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,200}")
_FB_POST = re.compile(r"(?:pfbid)?[A-Za-z0-9]{1,120}")
_USER = re.compile(r"[A-Za-z0-9._-]{1,100}")


def _facebook(host, path, query, fragment):
    segments = _segments(path)
    if host in ("fb.watch", "fb.me"):  # short links: resolving them would mean fetching
        if segments and _TOKEN.fullmatch(segments[0]):
            return f"https://{host}/{segments[0]}"
        return host, path, []
    first = segments[0].lower() if segments else ""
    story, owner = _first(query, "story_fbid"), _first(query, "id")
    if first in ("permalink.php", "story.php") and story and owner:
        return _facebook_post(owner, story) or (
            "facebook.com",
            path,
            _keep(query, "story_fbid", "id"),
        )
    if len(segments) >= 3 and segments[1] in ("posts", "activity") and _USER.fullmatch(segments[0]):
        found = _facebook_post(segments[0], segments[2])
        if found:
            return found
    if first == "groups" and len(segments) >= 4 and segments[2] in ("posts", "permalink"):
        group, post = segments[1].lower(), segments[3]
        if _USER.fullmatch(group) and _FB_POST.fullmatch(post):
            return f"https://facebook.com/groups/{group}/posts/{post}"
    video = _facebook_video(segments, query)
    if video:
        return f"https://facebook.com/watch?v={video}"
    photo = _facebook_photo(segments, query)
    if photo:
        return f"https://facebook.com/photo?fbid={photo}"
    shared = segments[1:3]  # facebook.com/share/p/<code>: its own key
    if first == "share" and shared and all(_TOKEN.fullmatch(segment) for segment in shared):
        return "https://facebook.com/share/" + "/".join(segments[1:3])
    if first == "profile.php" and _first(query, "id"):
        return "facebook.com", "/profile.php", _keep(query, "id")
    if len(segments) == 1 and _USER.fullmatch(segments[0]) and not first.startswith("pfbid"):
        return "facebook.com", "/" + first, []  # a page or profile by name
    return "facebook.com", path, query


def _facebook_post(owner, post):
    if not (_USER.fullmatch(owner) and _FB_POST.fullmatch(post)):
        return None
    return f"https://facebook.com/{owner.lower()}/posts/{post}"


def _facebook_video(segments, query):
    v = _first(query, "v")
    names = [segment.lower() for segment in segments]
    if names[:1] in (["watch"], ["video.php"]) and v and _NUMBER.fullmatch(v):
        return v  # /watch/?v=, /watch/live/?v=, /video.php?v=
    if len(segments) >= 2 and names[0] in ("reel", "videos") and _NUMBER.fullmatch(segments[1]):
        return segments[1]
    if len(segments) >= 3 and names[1] == "videos":  # /<page>/videos/[<title>/]<id>
        number = segments[-1] if _NUMBER.fullmatch(segments[-1]) else segments[2]
        if _NUMBER.fullmatch(number):
            return number
    return None


def _facebook_photo(segments, query):
    fbid = _first(query, "fbid")
    names = [segment.lower() for segment in segments]
    if names[:1] in (["photo.php"], ["photo"]) and fbid and _NUMBER.fullmatch(fbid):
        return fbid
    # /<page>/photos/[a.<album>/]<id>
    if len(segments) >= 3 and names[1] == "photos" and _NUMBER.fullmatch(segments[-1]):
        return segments[-1]
    return None


_INSTAGRAM_POST = re.compile(r"(?:[A-Za-z0-9._]{1,30}/)?(?:p|reels?|tv)/([A-Za-z0-9_-]{8,64})")


def _instagram(host, path, query, fragment):
    segments = _segments(path)
    match = _INSTAGRAM_POST.match("/".join(segments[:3]))
    if match and match.group(1).lower() != "audio":
        return f"https://instagram.com/p/{match.group(1)}"  # /reel/ and /tv/ open the same post
    if len(segments) >= 3 and segments[0] == "stories" and _NUMBER.fullmatch(segments[2]):
        return f"https://instagram.com/stories/{segments[1].lower()}/{segments[2]}"
    if len(segments) >= 3 and segments[0] == "share" and _TOKEN.fullmatch(segments[2]):
        return f"https://instagram.com/share/{segments[1].lower()}/{segments[2]}"
    if len(segments) == 1 and _USER.fullmatch(segments[0]):
        return "instagram.com", "/" + segments[0].lower(), []
    return "instagram.com", path, query


_TIKTOK_POST = re.compile(r"(?:@[^/]{1,100}/(?:video|photo)|v|embed|embed/v2|player/v1)/(\d{6,30})")


def _tiktok(host, path, query, fragment):
    segments = _segments(path)
    query = [(name, value) for name, value in query if name.lower() not in _TIKTOK_TRACKING]
    if host in ("vm.tiktok.com", "vt.tiktok.com"):  # short links: cannot resolve
        if segments and _TOKEN.fullmatch(segments[0]):
            return f"https://{host}/{segments[0]}"
        return host, path, []
    joined = "/".join(segments)
    match = _TIKTOK_POST.match(joined.removesuffix(".html"))
    if match and match.end() == len(joined.removesuffix(".html")):
        return f"https://tiktok.com/video/{match.group(1)}"
    if len(segments) >= 2 and segments[0] == "t" and _TOKEN.fullmatch(segments[1]):
        return f"https://tiktok.com/t/{segments[1]}"
    if len(segments) == 1 and segments[0].startswith("@"):
        return "tiktok.com", "/" + segments[0].lower(), []
    return "tiktok.com", path, query


_X_STATUS = re.compile(r"/(?:i/web/|[A-Za-z0-9_]{1,50}/)statuse?s?/(\d{1,30})(?:/.*)?")


def _x(host, path, query, fragment):
    hashbang = _first(query, "_escaped_fragment_")  # the old twitter.com/#!/user/status/ID,
    if hashbang and hashbang.startswith("/"):  # which url-normalize spells ?_escaped_fragment_=
        path, query = hashbang.split("?")[0], []
    query = [(name, value) for name, value in query if name.lower() not in _X_TRACKING]
    if host == "t.co":  # short links: cannot resolve
        segments = _segments(path)
        if segments and _TOKEN.fullmatch(segments[0]):
            return f"https://t.co/{segments[0]}"
        return host, path, []
    match = _X_STATUS.fullmatch(path.rstrip("/"))
    if match:
        return f"https://x.com/i/status/{int(match.group(1))}"
    segments = _segments(path)
    if len(segments) == 1 and _USER.fullmatch(segments[0]):
        return "x.com", "/" + segments[0].lower(), []
    return "x.com", path, query


def _youtube(host, path, query, fragment):
    segments = _segments(path)
    video = None
    if host == "youtu.be":
        video = segments[0] if segments else None
    elif segments[:1] == ["watch"]:
        video = _first(query, "v")
    elif len(segments) >= 2 and segments[0] in ("shorts", "embed", "live", "v", "e"):
        video = segments[1]
    elif segments[:1] == ["attribution_link"] and (_first(query, "u") or "").startswith("/"):
        inner = urlsplit(_first(query, "u"))
        video = _first(parse_qsl(inner.query), "v") if inner.path == "/watch" else None
    if video and _YOUTUBE_ID.fullmatch(video):
        return f"https://youtube.com/watch?v={video}"
    query = [(name, value) for name, value in query if name.lower() not in _YOUTUBE_TRACKING]
    if host == "youtu.be":
        return host, path, []
    if len(segments) == 1 and segments[0].startswith("@"):  # handles ignore case
        return "youtube.com", "/" + segments[0].lower(), []
    return "youtube.com", path, query


def _whatsapp(host, path, query, fragment):
    segments = _segments(path)
    if host == "wa.me" and len(segments) == 1 and re.fullmatch(r"\+?\d{5,20}", segments[0]):
        return f"https://wa.me/{segments[0].lstrip('+')}"
    phone = re.sub(r"\D", "", _first(query, "phone") or "")
    if host != "wa.me" and segments == ["send"] and 5 <= len(phone) <= 20:
        return f"https://wa.me/{phone}"
    if host == "chat.whatsapp.com" and segments:  # a group invite
        code = segments[-1] if segments[0] == "invite" else segments[0]
        if _TOKEN.fullmatch(code):
            return f"https://chat.whatsapp.com/{code}"
    if segments[:1] == ["channel"] and len(segments) >= 2 and _TOKEN.fullmatch(segments[1]):
        return f"https://whatsapp.com/channel/{segments[1]}"
    if host != "wa.me" and host != "chat.whatsapp.com":
        host = "whatsapp.com"
    return host, path, [(name, value) for name, value in query if name != "text"]


_RULES = {
    Platform.FACEBOOK: _facebook,
    Platform.INSTAGRAM: _instagram,
    Platform.TIKTOK: _tiktok,
    Platform.X: _x,
    Platform.YOUTUBE: _youtube,
    Platform.WHATSAPP: _whatsapp,
}
