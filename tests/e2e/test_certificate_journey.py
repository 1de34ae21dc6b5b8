"""The demo ASN takes a certificate from Akun saya on their phone and downloads the PDF; its QR
code, read off the printed page, opens the public verification page on a phone: "Sertifikat
sah", their name and no digit of their NIP, which the verifier confirms by typing it."""

import subprocess

import pytest
import zxingcpp
from PIL import Image

pytestmark = pytest.mark.browser

ASN_NIP, PASSWORD = "198501012010011001", "lentera-peserta"
ASN_NAME = "Ahmad Fauzi, S.Kom."
PHONE_WIDTH = 390


def _qr_codes_on_first_page(pdf_path):
    """The QR codes on the PDF's first page, rendered at print resolution by poppler."""
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf_path.name, "p"],
        cwd=pdf_path.parent,
        check=True,
    )
    with Image.open(pdf_path.parent / "p.png") as page:
        return [result.text for result in zxingcpp.read_barcodes(page)]


def test_claim_download_scan_and_verify_on_a_phone(demo_site, phone, tmp_path):
    base = demo_site.url
    phone.goto(base + "/akun/masuk/")
    phone.get_by_label("NIP, NIK, atau email").fill(ASN_NIP)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()

    # Akun saya: the certificates they have, and a past session whose certificate is theirs to
    # take (the demo leaves the most recent one they attended unclaimed).
    phone.goto(base + "/akun/")
    assert phone.get_by_role("heading", name="Sertifikat dan jam pelajaran").is_visible()
    claim = phone.locator("li").filter(has=phone.get_by_role("button", name="Ambil sertifikat"))
    title = claim.first.locator("span").first.inner_text().split(" · ")[0]
    claim.first.get_by_role("button", name="Ambil sertifikat").click()
    assert "siap diunduh" in phone.locator(".messages").inner_text()
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH

    # The session's own page is linked from the history too: take the certificate's link.
    link = phone.locator("a[href^='/sertifikat/unduh/']").filter(has_text=title)
    code = link.get_attribute("href").rstrip("/").split("/")[-1]
    with phone.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf_path = tmp_path / "sertifikat.pdf"
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")

    # The printed QR code is the certificate's verification address on this site.
    scanned = _qr_codes_on_first_page(pdf_path)
    assert scanned == [f"{base}/sertifikat/verifikasi/{code}/"]

    # Anyone scanning it, logged in or not, sees the verdict on their phone.
    verifier = phone.context.browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844}, is_mobile=True, has_touch=True
    )
    page = verifier.new_page()
    try:
        page.goto(scanned[0])
        assert page.get_by_role("heading", level=1).inner_text() == "Sertifikat sah"
        facts = page.locator(".session__facts").inner_text()
        assert ASN_NAME in facts
        assert title in facts
        assert ASN_NIP[:8] not in facts and ASN_NIP[-4:] not in facts
        assert ASN_NIP not in page.content() and ASN_NIP[:8] not in page.content()
        # The verifier types the NIP on the paper instead of reading it off the page.
        page.get_by_label("NIP pada sertifikat").fill("19850101 201001 1 001")
        page.get_by_role("button", name="Cocokkan NIP").click()
        answer = page.locator("#nip-heading + p").inner_text()
        assert answer.startswith("NIP yang Anda ketik cocok dengan NIP pemegang")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH
    finally:
        verifier.close()
