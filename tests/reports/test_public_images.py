"""Screenshots as the public form takes them (content/reports/rules/images.py): decided by
content, bounded before decoding, re-encoded so nothing of the sent file but its pixels is kept."""

import io
import zipfile

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from content.reports.rules import images
from tests.factories import bombs
from tests.factories.reports import screenshot_bytes

ZIP_PAYLOAD_NAME = b"lentera-payload.txt"
HTML_PAYLOAD = b"<html><script>alert('lentera-payload')</script></html>"
PHP_PAYLOAD = b"<?php system($_GET['lentera-payload']); ?>"


def _zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ZIP_PAYLOAD_NAME.decode(), "lentera-payload inside a zip")
        archive.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
    return buffer.getvalue()


def _camera_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "LenteraCam"
    exif[ExifTags.Base.Model] = "Model-X-lentera"
    exif[ExifTags.Base.Software] = "lentera-editor"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 10.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 12.25)
    return exif


def _read_back(data):
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def _assert_clean_png(data):
    picture = _read_back(data)
    assert picture.format == "PNG"
    assert not picture.getexif()
    # What the PNG writer adds on its own is nothing: no dpi, no ICC profile, no text.
    assert set(picture.info) == set()
    assert getattr(picture, "text", {}) == {}


class TestFormatsByContent:
    @pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
    def test_each_accepted_format_is_kept_as_a_fresh_png(self, fmt):
        kept = images.keep(screenshot_bytes(seed=4, fmt=fmt))
        assert kept.original_format == fmt
        assert kept.data.startswith(b"\x89PNG\r\n\x1a\n")
        assert (kept.width, kept.height) == (360, 640)
        _assert_clean_png(kept.data)

    @pytest.mark.parametrize(
        "data",
        [
            b"<html><body>bukan gambar</body></html>",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            b"%PDF-1.4\n1 0 obj<<>>endobj\n",
            b"",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        ],
        ids=["html", "svg", "pdf", "empty", "png-signature-only"],
    )
    def test_what_is_not_an_image_is_refused(self, data):
        with pytest.raises(images.ScreenshotRefused, match="bukan gambar"):
            images.keep(data)

    @pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
    def test_an_image_format_outside_the_list_is_refused(self, fmt):
        picture = Image.new("RGB", (32, 32), (10, 20, 30))
        buffer = io.BytesIO()
        picture.save(buffer, format=fmt)
        with pytest.raises(images.ScreenshotRefused, match="bukan gambar"):
            images.keep(buffer.getvalue())

    def test_a_truncated_image_is_refused_not_an_error(self):
        data = screenshot_bytes(seed=5, fmt="JPEG")
        with pytest.raises(images.ScreenshotRefused, match="bukan gambar"):
            images.keep(data[: len(data) // 3])


class TestMetadataIsDropped:
    def test_exif_gps_and_camera_are_gone_from_the_kept_copy(self):
        original = screenshot_bytes(seed=6, fmt="JPEG", exif=_camera_exif())
        sent = Image.open(io.BytesIO(original)).getexif()
        assert sent.get_ifd(ExifTags.IFD.GPSInfo)  # the test's own file does carry them
        assert sent[ExifTags.Base.Make] == "LenteraCam"
        kept = images.keep(original)
        _assert_clean_png(kept.data)
        for trace in (b"LenteraCam", b"Model-X-lentera", b"lentera-editor", b"Exif"):
            assert trace not in kept.data

    def test_exif_in_png_and_webp_is_gone_too(self):
        for fmt in ("PNG", "WEBP"):
            original = screenshot_bytes(seed=7, fmt=fmt, exif=_camera_exif())
            assert Image.open(io.BytesIO(original)).getexif()
            _assert_clean_png(images.keep(original).data)

    def test_text_chunks_and_icc_profiles_are_gone(self):
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "lentera-secret-comment")
        info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>lentera-xmp</x:xmpmeta>")
        picture = Image.new("RGB", (64, 64), (200, 10, 10))
        buffer = io.BytesIO()
        picture.save(
            buffer, format="PNG", pnginfo=info, icc_profile=b"lentera-icc" * 20, dpi=(300, 300)
        )
        kept = images.keep(buffer.getvalue())
        _assert_clean_png(kept.data)
        assert b"lentera" not in kept.data

    def test_a_photo_is_kept_upright_as_its_exif_said(self):
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = 6  # rotated 90 degrees: shown 50 wide, 100 high
        picture = Image.new("RGB", (100, 50), (0, 120, 0))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", exif=exif)
        kept = images.keep(buffer.getvalue())
        assert (kept.width, kept.height) == (50, 100)
        assert _read_back(kept.data).size == (50, 100)


class TestHiddenPayloads:
    """Polyglots: an image that is also a ZIP (a GIFAR is a GIF and a Java archive), or carries
    HTML or PHP after its end. The image is accepted (phones append their own data after a
    JPEG's end), and the kept copy holds nothing of what followed the pixels."""

    @pytest.mark.parametrize(
        "fmt, payload",
        [
            ("PNG", "zip"),
            ("GIF", "zip"),  # a GIFAR
            ("JPEG", "zip"),
            ("PNG", HTML_PAYLOAD),
            ("JPEG", PHP_PAYLOAD),
            ("WEBP", HTML_PAYLOAD),
        ],
    )
    def test_nothing_appended_survives(self, fmt, payload):
        appended = _zip_bytes() if payload == "zip" else payload
        polyglot = screenshot_bytes(seed=8, fmt=fmt) + appended
        if payload == "zip":
            assert zipfile.is_zipfile(io.BytesIO(polyglot))  # it really is both
        kept = images.keep(polyglot)
        assert b"lentera-payload" not in kept.data
        assert ZIP_PAYLOAD_NAME not in kept.data
        assert b"PK\x03\x04" not in kept.data and b"PK\x05\x06" not in kept.data
        assert not zipfile.is_zipfile(io.BytesIO(kept.data))
        assert kept.original_sha256 != kept.stored_sha256
        _assert_clean_png(kept.data)

    def test_a_payload_inside_a_png_chunk_is_dropped(self):
        picture = Image.new("RGB", (40, 40), (1, 2, 3))
        info = PngImagePlugin.PngInfo()
        info.add(b"prVt", PHP_PAYLOAD)  # a private ancillary chunk
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", pnginfo=info)
        assert PHP_PAYLOAD in buffer.getvalue()
        assert b"lentera-payload" not in images.keep(buffer.getvalue()).data


class TestLimits:
    def test_too_many_bytes_are_refused_before_decoding(self):
        data = screenshot_bytes(seed=9) + b"\x00" * images.MAX_BYTES
        with pytest.raises(images.ScreenshotRefused, match="lebih besar dari 5 MB"):
            images.keep(data)

    def test_a_header_claiming_billions_of_pixels_is_refused(self):
        with pytest.raises(images.ScreenshotRefused, match="terlalu besar ukuran pikselnya"):
            images.keep(bombs.png_claiming(60_000, 60_000))

    def test_a_real_decompression_bomb_is_refused(self):
        bomb = bombs.png_decompression_bomb(side=9_000)
        assert len(bomb) < 100_000  # small on the wire, 81 million pixels once decoded
        with pytest.raises(images.ScreenshotRefused, match="terlalu besar ukuran pikselnya"):
            images.keep(bomb)

    def test_just_over_the_pixel_limit_is_refused_and_just_under_is_kept(self):
        height = images.MAX_PIXELS // 5_000 + 1
        over = bombs.png_claiming(5_000, height)
        with pytest.raises(images.ScreenshotRefused, match=f"5000×{height} piksel"):
            images.keep(over)
        picture = Image.new("1", (1_000, 4_000))
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        assert images.keep(buffer.getvalue()).height == 4_000

    @pytest.mark.parametrize("ceiling", [300, 100])  # warning (over the line), error (twice it)
    def test_pillows_own_bomb_guard_is_a_refusal_never_an_error(self, monkeypatch, ceiling):
        """Pillow warns above MAX_IMAGE_PIXELS and raises above twice it; wherever its line
        lies, both come out as the screenshot's refusal."""
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", ceiling)
        with pytest.raises(images.ScreenshotRefused, match="terlalu besar ukuran pikselnya"):
            images.keep(screenshot_bytes(seed=10, size=(16, 28)))  # 448 pixels

    def test_an_animated_gif_keeps_its_first_frame_only(self):
        animated = bombs.gif_frames(count=1_000, size=(40, 40))
        kept = images.keep(animated)
        picture = _read_back(kept.data)
        assert not getattr(picture, "is_animated", False)
        assert getattr(picture, "n_frames", 1) == 1
        assert (kept.width, kept.height) == (40, 40)

    def test_an_animated_png_keeps_its_first_frame_only(self):
        frames = [Image.new("RGB", (30, 30), (index * 40, 0, 0)) for index in range(5)]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])
        assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 5
        kept = _read_back(images.keep(buffer.getvalue()).data)
        assert getattr(kept, "n_frames", 1) == 1
        assert kept.getpixel((0, 0))[:3] == (0, 0, 0)
