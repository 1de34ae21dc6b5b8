"""QR codes drawn on the server (projector check-in, daftar hadir, certificates)."""

import segno

# The light margin ISO/IEC 18004 asks for around a QR code, in modules. Less and phones read
# the code slowly or not at all, from the back of a hall and on printed paper alike.
QUIET_ZONE = 4


def qr_svg(data, *, scale=3, error="m"):
    """An inline SVG QR code: no external request, sharp on screen and on paper.

    It has a viewBox and no fixed size, so CSS decides how large it is. The quiet zone is
    part of the SVG and painted white, so it holds on any background (the projector's dark
    screen, a certificate's picture).
    """
    return segno.make(data, error=error).svg_inline(
        scale=scale, border=QUIET_ZONE, light="#fff", omitsize=True
    )
