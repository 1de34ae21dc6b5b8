"""Every QR code the site draws has the quiet zone the standard asks for (ISO/IEC 18004: four
modules of light on every side), painted in the SVG itself, so it holds whatever is behind it:
the projector's dark screen, a certificate's background picture, the daftar hadir.

The quiet zone is measured from the SVG as drawn (its dark modules against its viewBox), not
read back from the argument that asked for it."""

import re

import pytest

from content.base.qr import qr_svg
from content.training import checkin_tokens
from content.training.checkin_tokens import Window
from tests.factories.training import session_under_way
from tests.factories.users import UserFactory

QUIET_ZONE_MODULES = 4
CHECKIN_URL = "HTTPS://LENTERA.EXAMPLE.GO.ID/P/2K-7QH4ZP9A/"


def measure(svg):
    """(quiet zone in modules on each side: left, top, right, bottom; whether the whole
    viewBox is painted light) of a segno SVG."""
    view = [float(n) for n in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    scale = float(re.search(r'transform="scale\(([\d.]+)\)"', svg).group(1))
    width, height = view[2] / scale, view[3] / scale
    dark = re.search(r'<path [^>]*stroke="#000"[^>]*\sd="([^"]+)"', svg).group(1)
    x = y = 0.0
    xs, ys = [], []
    for command, numbers in re.findall(r"([A-Za-z])([^A-Za-z]*)", dark):
        values = [float(n) for n in numbers.replace(",", " ").split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":  # a run of dark modules along the row at y (the stroke's middle)
            xs += [x, x + values[0]]
            ys += [y - 0.5, y + 0.5]
            x += values[0]
        else:  # segno draws rows only: anything else would be measured wrong
            raise AssertionError(f"unexpected path command {command!r}")
    light = re.search(r'<path fill="#fff[^"]*" d="M0 0h(\d+)v(\d+)h-\d+z"', svg)
    painted = bool(light) and (float(light.group(1)), float(light.group(2))) == (width, height)
    return (min(xs), min(ys), width - max(xs), height - max(ys)), painted


@pytest.mark.parametrize("scale", [3, 4, 8])
def test_every_qr_code_has_a_quiet_zone_of_four_modules_painted_light(scale):
    zones, painted = measure(qr_svg(CHECKIN_URL, scale=scale))
    assert zones == (QUIET_ZONE_MODULES,) * 4
    assert painted


@pytest.mark.django_db
def test_the_projectors_qr_code_has_a_quiet_zone_of_four_modules(client, sessions):
    session = session_under_way(sessions)
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))

    page = client.get(f"{session.url}presensi/layar/").content.decode()
    status = client.get(f"{session.url}presensi/layar/status/").json()

    for svg in (re.search(r"<svg.*?</svg>", page, re.S).group(0), status["qr"]):
        zones, painted = measure(svg)
        assert min(zones) >= QUIET_ZONE_MODULES and painted
    assert checkin_tokens.make_code(session.pk, Window.at()) in page
