"""Links to posts: one key per post, whatever spelling people paste; different posts never share
one; refused links say why in Indonesian. Pure functions: nothing here touches the network."""

import socket
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.reports.models import Platform
from content.reports.rules import links

FACEBOOK_POST = [
    "https://www.facebook.com/permalink.php?story_fbid=pfbid02Xy7Q&id=100012345",
    "https://m.facebook.com/permalink.php?id=100012345&story_fbid=pfbid02Xy7Q&utm_source=wa",
    "https://web.facebook.com/story.php?story_fbid=pfbid02Xy7Q&id=100012345&_rdc=1&_rdr",
    "https://mbasic.facebook.com/story.php?story_fbid=pfbid02Xy7Q&id=100012345&mibextid=Nif5oz",
    "http://facebook.com/100012345/posts/pfbid02Xy7Q/",
    "HTTPS://WWW.FACEBOOK.COM/100012345/posts/pfbid02Xy7Q?__cft__[0]=AZX&__tn__=%2CO%2CP-R",
    "https://free.facebook.com/100012345/posts/pfbid02Xy7Q/?rdid=abc&share_url=x",
    "https://www.facebook.com:443/100012345/posts/pfbid02Xy7Q#comments",
    "facebook.com/permalink.php?story_fbid=pfbid02Xy7Q&id=100012345&fbclid=IwAR0",
    "https://id-id.facebook.com//100012345//posts//pfbid02Xy7Q//",
    "https://fb.com/permalink.php?story_fbid=pfbid02Xy7Q&id=100012345",
    "https://touch.facebook.com/story.php?id=100012345&story_fbid=pfbid02Xy7Q&ref=share",
]
FACEBOOK_VIDEO = [
    "https://www.facebook.com/watch/?v=987654321",
    "https://www.facebook.com/watch?v=987654321&ref=sharing",
    "https://m.facebook.com/watch/?v=987654321&mibextid=abc",
    "https://web.facebook.com/watch/live/?v=987654321",
    "https://www.facebook.com/video.php?v=987654321",
    "https://www.facebook.com/kompascom/videos/987654321/",
    "https://www.facebook.com/KompasCom/videos/judul-videonya/987654321/?t=12",
    "https://www.facebook.com/reel/987654321?fs=e&s=TIeQ9V",
    "https://m.facebook.com/reel/987654321/",
    "https://www.facebook.com/videos/987654321",
]
FACEBOOK_PHOTO = [
    "https://www.facebook.com/photo.php?fbid=5555&set=a.111&type=3",
    "https://www.facebook.com/photo/?fbid=5555&set=a.111",
    "https://m.facebook.com/photo.php?fbid=5555&id=100012345&set=a.111",
    "https://www.facebook.com/photo?fbid=5555",
    "https://www.facebook.com/kompascom/photos/a.111/5555/",
    "https://web.facebook.com/KompasCom/photos/5555",
    "https://www.facebook.com/photo/?fbid=5555&set=pcb.222",
    "https://facebook.com/photo.php?fbid=5555&mibextid=qi2Omg",
    "https://www.facebook.com/photo/?fbid=5555&set=a.111&__tn__=%3C",
    "https://mobile.facebook.com/photo.php?fbid=5555",
]
INSTAGRAM_POST = [
    "https://www.instagram.com/p/CxYz123AbcD/",
    "https://instagram.com/p/CxYz123AbcD",
    "https://www.instagram.com/p/CxYz123AbcD/?igsh=MWQ1ZGUxMzBkMA==",
    "https://www.instagram.com/p/CxYz123AbcD/?igshid=YmMyMTA2M2Y=&utm_source=ig_web_copy_link",
    "https://www.instagram.com/reel/CxYz123AbcD/?utm_source=ig_web_button_share_sheet",
    "https://www.instagram.com/reels/CxYz123AbcD/",
    "https://www.instagram.com/tv/CxYz123AbcD",
    "https://www.instagram.com/jokowi/p/CxYz123AbcD/",
    "https://www.instagram.com/jokowi/reel/CxYz123AbcD/?igsh=abc",
    "https://instagr.am/p/CxYz123AbcD/",
    "https://m.instagram.com/p/CxYz123AbcD/",
    "https://l.instagram.com/?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FCxYz123AbcD%2F&e=AT0",
]
TIKTOK_VIDEO = [
    "https://www.tiktok.com/@user.name/video/7301234567890123456",
    "https://www.tiktok.com/@user.name/video/7301234567890123456?_r=1&_t=8hGq",
    "https://www.tiktok.com/@User.Name/video/7301234567890123456?is_from_webapp=1&sender_device=pc",
    "https://m.tiktok.com/v/7301234567890123456.html",
    "https://m.tiktok.com/v/7301234567890123456.html?_d=abc",
    "https://www.tiktok.com/v/7301234567890123456",
    "https://www.tiktok.com/@someone_else/video/7301234567890123456",
    "https://www.tiktok.com/embed/v2/7301234567890123456",
    "https://www.tiktok.com/embed/7301234567890123456",
    "https://www.tiktok.com/player/v1/7301234567890123456",
    "tiktok.com/@user.name/video/7301234567890123456/",
    "https://www.tiktok.com/@user.name/photo/7301234567890123456?lang=id-ID",
]
X_STATUS = [
    "https://twitter.com/jokowi/status/1234567890123456789",
    "https://x.com/jokowi/status/1234567890123456789",
    "https://mobile.twitter.com/jokowi/status/1234567890123456789",
    "https://www.twitter.com/Jokowi/status/1234567890123456789?s=20&t=AbCdEf",
    "https://x.com/jokowi/status/1234567890123456789?s=46&t=xyz",
    "https://twitter.com/i/web/status/1234567890123456789",
    "https://x.com/i/status/1234567890123456789",
    "https://x.com/someone/status/1234567890123456789/photo/1",
    "https://twitter.com/jokowi/statuses/1234567890123456789",
    "https://twitter.com/#!/jokowi/status/1234567890123456789",
    "https://fxtwitter.com/jokowi/status/1234567890123456789",
    "https://vxtwitter.com/jokowi/status/1234567890123456789/",
]
YOUTUBE_VIDEO = [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
    "https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGh&t=10",
    "https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share",
    "https://youtube.com/shorts/dQw4w9WgXcQ?si=xyz",
    "https://www.youtube.com/embed/dQw4w9WgXcQ",
    "https://www.youtube.com/live/dQw4w9WgXcQ?si=abc",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    "https://music.youtube.com/watch?v=dQw4w9WgXcQ&pp=ygU",
]
WHATSAPP_NUMBER = [
    "https://wa.me/6281234567890",
    "https://wa.me/6281234567890?text=halo",
    "https://wa.me/+6281234567890",
    "wa.me/6281234567890/",
    "https://api.whatsapp.com/send?phone=6281234567890",
    "https://api.whatsapp.com/send/?phone=6281234567890&text=Halo%20kak&type=phone_number",
    "https://api.whatsapp.com/send?phone=+62%20812-3456-7890",
    "https://web.whatsapp.com/send?phone=6281234567890",
    "https://whatsapp.com/send?phone=6281234567890&app_absent=0",
    "http://WA.ME/6281234567890#",
]
WHATSAPP_GROUP = [
    "https://chat.whatsapp.com/AbCdEf123XyZ",
    "https://chat.whatsapp.com/AbCdEf123XyZ/",
    "https://chat.whatsapp.com/invite/AbCdEf123XyZ",
    "http://chat.whatsapp.com/AbCdEf123XyZ?utm_source=x",
    "HTTPS://CHAT.WHATSAPP.COM/AbCdEf123XyZ",
    "chat.whatsapp.com/AbCdEf123XyZ",
    "https://chat.whatsapp.com:443/AbCdEf123XyZ",
    "https://chat.whatsapp.com/AbCdEf123XyZ#join",
    "https://chat.whatsapp.com//AbCdEf123XyZ",
    "https://chat.whatsapp.com/AbCdEf123XyZ?mibextid=abc",
]
WHATSAPP_CHANNEL = [
    "https://whatsapp.com/channel/0029VaAbc123XyZ",
    "https://www.whatsapp.com/channel/0029VaAbc123XyZ",
    "https://whatsapp.com/channel/0029VaAbc123XyZ/",
    "https://WhatsApp.com/channel/0029VaAbc123XyZ?utm_source=wa",
    "whatsapp.com/channel/0029VaAbc123XyZ",
    "http://www.whatsapp.com/channel/0029VaAbc123XyZ",
    "https://whatsapp.com/channel/0029VaAbc123XyZ#top",
    "https://web.whatsapp.com/channel/0029VaAbc123XyZ",
    "https://whatsapp.com:443/channel/0029VaAbc123XyZ",
    "https://whatsapp.com/channel/0029VaAbc123XyZ/?fbclid=abc",
]
OTHER_ARTICLE = [
    "https://www.kompas.com/read/2024/01/02/berita-hoaks?page=2",
    "http://kompas.com/read/2024/01/02/berita-hoaks?page=2",
    "https://m.kompas.com/read/2024/01/02/berita-hoaks/?page=2",
    "HTTPS://WWW.KOMPAS.COM/read/2024/01/02/berita-hoaks?page=2&utm_source=wa&utm_medium=share",
    "https://kompas.com:443/read/2024/01/02/berita-hoaks?page=2#komentar",
    "https://www.kompas.com/read/2024/01/02/./berita-hoaks?page=2&fbclid=IwAR0",
    "https://www.kompas.com/read/2024/01/03/../02/berita-hoaks?page=2",
    "https://www.kompas.com/read/2024/01/02/berita%2Dhoaks?page=2",
    "kompas.com/read/2024/01/02/berita-hoaks?gclid=x&page=2",
    "https://web.kompas.com/read/2024/01/02/berita-hoaks?ref=wa&page=2",
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.kompas.com%2Fread%2F2024%2F01%2F02"
    "%2Fberita-hoaks%3Fpage%3D2%26utm_source%3Dfacebook&h=AT0abc",
]
OTHER_IDN = [
    "https://bücher.example/ärger",
    "https://BÜCHER.example/%C3%A4rger",
    "https://xn--bcher-kva.example/%c3%a4rger",
    "http://www.bücher.example/ärger/",
    "https://bücher.example:443/ärger#oben",
    "https://bücher.example/./ärger",
    "https://bücher.example/ärger?utm_campaign=x",
    "//bücher.example/ärger",
    "bücher.example/ärger",
    "https://m.bücher.example/ärger",
]

SAME_POST = {
    "facebook post": (FACEBOOK_POST, Platform.FACEBOOK),
    "facebook video": (FACEBOOK_VIDEO, Platform.FACEBOOK),
    "facebook photo": (FACEBOOK_PHOTO, Platform.FACEBOOK),
    "instagram post": (INSTAGRAM_POST, Platform.INSTAGRAM),
    "tiktok video": (TIKTOK_VIDEO, Platform.TIKTOK),
    "x status": (X_STATUS, Platform.X),
    "youtube video": (YOUTUBE_VIDEO, Platform.YOUTUBE),
    "whatsapp number": (WHATSAPP_NUMBER, Platform.WHATSAPP),
    "whatsapp group": (WHATSAPP_GROUP, Platform.WHATSAPP),
    "whatsapp channel": (WHATSAPP_CHANNEL, Platform.WHATSAPP),
    "other article": (OTHER_ARTICLE, Platform.OTHER),
    "other idn": (OTHER_IDN, Platform.OTHER),
}


@pytest.mark.parametrize("name", SAME_POST)
def test_every_spelling_of_one_post_has_one_key(name):
    variants, _ = SAME_POST[name]
    assert len(set(variants)) >= 10
    keys = {variant: links.normalise(variant) for variant in variants}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize("name", SAME_POST)
def test_the_platform_is_recognised_from_every_spelling(name):
    variants, platform = SAME_POST[name]
    assert {links.platform_of(variant) for variant in variants} == {platform}
    assert links.platform_of(links.normalise(variants[0])) == platform


@pytest.mark.parametrize(
    ("variant", "key"),
    [
        (FACEBOOK_POST[0], "https://facebook.com/100012345/posts/pfbid02Xy7Q"),
        (FACEBOOK_VIDEO[0], "https://facebook.com/watch?v=987654321"),
        (FACEBOOK_PHOTO[0], "https://facebook.com/photo?fbid=5555"),
        (INSTAGRAM_POST[0], "https://instagram.com/p/CxYz123AbcD"),
        (TIKTOK_VIDEO[0], "https://tiktok.com/video/7301234567890123456"),
        (X_STATUS[0], "https://x.com/i/status/1234567890123456789"),
        (YOUTUBE_VIDEO[0], "https://youtube.com/watch?v=dQw4w9WgXcQ"),
        (WHATSAPP_NUMBER[0], "https://wa.me/6281234567890"),
        (OTHER_ARTICLE[0], "https://kompas.com/read/2024/01/02/berita-hoaks?page=2"),
        (OTHER_IDN[0], "https://xn--bcher-kva.example/%C3%A4rger"),
    ],
)
def test_the_key_is_the_canonical_spelling(variant, key):
    assert links.normalise(variant) == key


# Pairs that look alike but are different posts (or cannot be told to be the same without
# fetching): they must never share a case.
DIFFERENT = [
    # Facebook: another post of the same page; the same post number on another page or profile.
    (
        "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
        "https://www.facebook.com/permalink.php?story_fbid=9&id=2",
    ),
    (
        "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
        "https://www.facebook.com/permalink.php?story_fbid=1&id=3",
    ),
    ("https://www.facebook.com/pagea/posts/123", "https://www.facebook.com/pageb/posts/123"),
    ("https://www.facebook.com/100012345/posts/1", "https://www.facebook.com/100054321/posts/1"),
    ("https://www.facebook.com/groups/a/posts/5", "https://www.facebook.com/groups/b/posts/5"),
    ("https://www.facebook.com/watch/?v=1234567", "https://www.facebook.com/watch/?v=1234568"),
    ("https://www.facebook.com/photo.php?fbid=1", "https://www.facebook.com/photo.php?fbid=2"),
    ("https://www.facebook.com/profile.php?id=1", "https://www.facebook.com/profile.php?id=2"),
    ("https://fb.watch/abcDEF/", "https://fb.watch/abcDEf/"),  # short codes keep their case
    ("https://fb.watch/abcDEF/", "https://www.facebook.com/watch/?v=1234567"),
    ("https://www.facebook.com/share/p/AbC1/", "https://www.facebook.com/share/p/AbC2/"),
    ("https://www.facebook.com/pfbid0AbC", "https://www.facebook.com/pfbid0abc/"),
    # Instagram: shortcodes are case-sensitive.
    ("https://www.instagram.com/p/CxYz123AbcD/", "https://www.instagram.com/p/CxYz123Abcd/"),
    ("https://www.instagram.com/p/CxYz123AbcD/", "https://www.instagram.com/p/CxYz123AbcE/"),
    ("https://www.instagram.com/akun_a/", "https://www.instagram.com/akun_b/"),
    # TikTok
    (
        "https://www.tiktok.com/@a/video/7301234567890123456",
        "https://www.tiktok.com/@a/video/7301234567890123457",
    ),
    ("https://vm.tiktok.com/ZMabc123/", "https://vm.tiktok.com/ZMabc124/"),
    ("https://vm.tiktok.com/ZMabc123/", "https://vt.tiktok.com/ZMabc123/"),
    # X
    ("https://x.com/a/status/1234567890", "https://x.com/a/status/1234567891"),
    ("https://t.co/AbCdE", "https://t.co/abcde"),
    ("https://x.com/jokowi", "https://x.com/jokowi_"),
    # YouTube: ids are case-sensitive; a playlist is not its first video.
    ("https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcq"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=aaaaaaaaaaa"),
    ("https://www.youtube.com/playlist?list=PLa", "https://www.youtube.com/playlist?list=PLb"),
    # WhatsApp
    ("https://wa.me/6281234567890", "https://wa.me/6281234567891"),
    ("https://chat.whatsapp.com/AbCdEf123", "https://chat.whatsapp.com/abcdef123"),
    ("https://whatsapp.com/channel/0029VaA", "https://whatsapp.com/channel/0029VaB"),
    # Other sites: the path's case, the parameters that choose the page, another port or site.
    ("https://example.com/Berita", "https://example.com/berita"),
    ("https://example.com/read?id=1", "https://example.com/read?id=2"),
    ("https://example.com/?p=1", "https://example.com/?p=2"),
    ("https://example.com/", "https://example.com:8443/"),
    ("https://kompas.com/a", "https://kompas.co.id/a"),
    ("https://example.com/#/berita/1", "https://example.com/#/berita/2"),
    ("https://bücher.example/", "https://bucher.example/"),
]


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_posts_never_share_a_key(first, second):
    assert links.normalise(first) != links.normalise(second)


REFUSED = {
    "": "Tautan kosong.",
    "   ": "Tautan kosong.",
    "javascript:alert(1)": "Hanya tautan web (http:// atau https://) yang dapat diterima.",
    "ftp://example.com/berkas": "Hanya tautan web (http:// atau https://) yang dapat diterima.",
    "data:text/html,<b>x</b>": "Hanya tautan web (http:// atau https://) yang dapat diterima.",
    "mailto:a@example.com": "Hanya tautan web (http:// atau https://) yang dapat diterima.",
    "https://": "Tautan tidak memuat alamat situs.",
    "https:///path": "Tautan tidak memuat alamat situs.",
    "https://user:sandi@example.com/": "Tautan tidak boleh memuat nama pengguna atau kata sandi.",
    "https://user@facebook.com/": "Tautan tidak boleh memuat nama pengguna atau kata sandi.",
    "https://example.com:99999/": "Tautan tidak dapat dibaca. Salin ulang tautan dari aplikasinya.",
    "https://example.com:port/": "Tautan tidak dapat dibaca. Salin ulang tautan dari aplikasinya.",
    "https://localhost/": "Alamat situs pada tautan tidak sah.",
    "https://exa%mple.com/": "Alamat situs pada tautan tidak sah.",
    "https://x.com/a lihat ini": "Tulis satu tautan per baris, tanpa spasi atau teks lain.",
    "https://x.com/a\u200b": "Tulis satu tautan per baris, tanpa spasi atau teks lain.",
    "https://example.com/" + "a" * 2000: "Tautan terlalu panjang (lebih dari 2.000 karakter).",
}


@pytest.mark.parametrize("link", REFUSED)
def test_a_refused_link_says_why_in_indonesian(link):
    assert links.check(link) == REFUSED[link]


@pytest.mark.parametrize(
    "link", [variants[0] for variants, _ in SAME_POST.values()] + ["facebook.com/x", "1.2.3.4/a"]
)
def test_links_people_paste_are_accepted(link):
    assert links.check(link) is None


def test_a_refused_link_still_gets_a_bounded_key_that_is_not_a_site():
    key = links.normalise("javascript:alert(1)")
    assert key.startswith("https://tautan-tidak-sah.invalid/.sha256/")
    assert links.normalise("javascript:alert(2)") != key


def test_a_long_tracking_laden_link_is_accepted_and_keyed_short():
    link = FACEBOOK_POST[0] + "&__cft__[0]=" + "AZ" * 600
    assert len(link) > links.MAX_KEY_LENGTH and links.check(link) is None
    assert links.normalise(link) == links.normalise(FACEBOOK_POST[0])


def test_a_key_too_long_for_the_table_becomes_a_digest_of_it():
    first = "https://example.com/" + "a" * 600
    second = "https://example.com/" + "a" * 599 + "b"
    keys = links.normalise(first), links.normalise(second)
    assert keys[0] != keys[1]
    assert all(key.startswith("https://example.com/.sha256/") for key in keys)
    assert all(len(key) <= links.MAX_KEY_LENGTH for key in keys)


def test_the_domain_shown_beside_a_link_is_its_host():
    assert links.domain_of("https://M.Facebook.com/story.php?id=1") == "facebook.com"
    assert links.domain_of("kompas.com/read") == "kompas.com"


def test_nothing_is_fetched(monkeypatch):
    """normalise, check and platform_of never open a connection or resolve a name."""

    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for variants, _ in SAME_POST.values():
        for variant in variants:
            links.check(variant)
            links.normalise(variant)
            links.platform_of(variant)


# Properties over links built from arbitrary parts.

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
)  # fmt: skip
_HOSTS = st.sampled_from(
    [
        "facebook.com", "m.facebook.com", "fb.watch", "l.facebook.com", "instagram.com",
        "l.instagram.com", "tiktok.com", "vm.tiktok.com", "x.com", "twitter.com", "t.co",
        "youtube.com", "youtu.be", "wa.me", "chat.whatsapp.com", "api.whatsapp.com",
        "whatsapp.com", "kompas.com", "www.bücher.example", "WWW.Example.COM",
    ]
)  # fmt: skip
_SEGMENTS = st.one_of(
    _TEXT,
    st.sampled_from(
        ["posts", "p", "reel", "status", "video", "watch", "shorts", "share", "groups",
         "permalink.php", "story.php", "photo.php", "send", "channel", "@user", "..", ".", ""]
    ),
    st.from_regex(r"[0-9]{1,20}", fullmatch=True),
)  # fmt: skip
_NAMES = st.one_of(
    st.sampled_from(["v", "id", "story_fbid", "fbid", "u", "phone", "utm_source", "s", "t"]),
    _TEXT,
)


@st.composite
def arbitrary_links(draw):
    scheme = draw(st.sampled_from(["http", "https", "HTTPS", "", "//"]))
    host = draw(st.one_of(_HOSTS, _TEXT))
    port = draw(st.sampled_from(["", ":443", ":80", ":8080"]))
    path = "/".join(
        quote(s, safe=draw(st.sampled_from(["", "/%"])))
        for s in draw(st.lists(_SEGMENTS, max_size=5))
    )
    query = "&".join(
        f"{quote(name)}={quote(value)}"
        for name, value in draw(st.lists(st.tuples(_NAMES, _TEXT), max_size=4))
    )
    fragment = draw(st.sampled_from(["", "#x", "#!/a/status/1", "#/route"]))
    prefix = "" if scheme == "" else "//" if scheme == "//" else scheme + "://"
    return f"{prefix}{host}{port}/{path}" + (f"?{query}" if query else "") + fragment


PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(arbitrary_links())
def test_normalise_is_idempotent_and_bounded(link):
    key = links.normalise(link)
    assert key.startswith("https://")
    assert len(key) <= links.MAX_KEY_LENGTH
    assert key.isascii()
    assert links.normalise(key) == key


@PROPERTIES
@given(st.one_of(arbitrary_links(), st.text(max_size=300)))
def test_nothing_raises_on_arbitrary_text(text):
    message = links.check(text)
    assert message is None or isinstance(message, str)
    key = links.normalise(text)
    assert len(key) <= links.MAX_KEY_LENGTH
    links.platform_of(text)
    links.domain_of(text)


@PROPERTIES
@given(arbitrary_links())
def test_the_platform_survives_normalisation(link):
    if links.check(link) is None:
        assert links.platform_of(links.normalise(link)) == links.platform_of(link)
