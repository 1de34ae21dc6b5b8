"""QR codes drawn on the server (projector check-in, daftar hadir, certificates)."""

import segno


def qr_svg(data, *, scale=3, error="m"):
    """An inline SVG QR code: no external request, sharp on screen and on paper.

    It has a viewBox and no fixed size, so CSS decides how large it is.
    """
    return segno.make(data, error=error).svg_inline(scale=scale, border=1, omitsize=True)
