"""A template's preview in the admin: a sample certificate for each role, as a PNG image, that
issues nothing and takes no number."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from content.certificates import preview
from content.certificates.models import Certificate, NumberSequence, Role
from tests.factories.certificates import make_template
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def image_url(template, role="peserta"):
    return reverse("certificates_template_preview_image", args=[template.pk, role])


def test_the_preview_is_a_png_of_the_page(client, organizer):
    template = make_template()
    response = client.get(image_url(template))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-cache" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    # A4 landscape (297 × 210 mm) at 1.5 × 72 dpi.
    assert image.size == (1263, 893)
    # Something is printed on it: dark ink on white paper.
    darkest, lightest = zip(*image.convert("RGB").getextrema(), strict=True)
    assert max(darkest) < 80 and min(lightest) > 240


def test_a_portrait_template_previews_upright(client, organizer):
    template = make_template(orientation="portrait", number_format="{seq}/P/{tahun}")
    image = Image.open(io.BytesIO(client.get(image_url(template)).content))
    assert image.size == (893, 1263)


def test_the_preview_writes_nothing(client, organizer):
    template = make_template()
    for role in Role.values:
        assert client.get(image_url(template, role)).status_code == 200
    assert not Certificate.objects.exists()
    assert not NumberSequence.objects.exists()


def test_the_sample_shows_the_next_number_without_taking_it():
    template = make_template(number_format="{seq:03d}/SERT/{tahun}")
    sample = preview.sample_certificate(template, Role.PARTICIPANT)
    NumberSequence.objects.create(template=template, year=sample.year, last=41)
    sample = preview.sample_certificate(template, Role.PARTICIPANT)
    assert sample.number == f"042/SERT/{sample.year}" and sample.pk is None
    assert NumberSequence.objects.get().last == 41


@pytest.mark.parametrize(
    ("role", "wording"),
    [
        ("peserta", "telah mengikuti dengan baik"),
        ("narasumber", "terima kasih atas paparannya"),
        ("panitia", "atas kerja kerasnya"),
    ],
)
def test_each_role_is_printed_with_its_own_wording(role, wording):
    template = make_template(
        body_participant="{nama} telah mengikuti dengan baik {sesi}.",
        body_speaker="Kepada {nama}, terima kasih atas paparannya di {sesi}.",
        body_committee="Kepada {nama} atas kerja kerasnya di {sesi}.",
    )
    text = " ".join(
        PdfReader(io.BytesIO(preview.sample_pdf(template, role))).pages[0].extract_text().split()
    )
    assert wording in text
    assert preview.SAMPLE_HOLDER["holder_name"] in text
    assert "PRATINJAU" in text  # never mistaken for a certificate


def test_the_preview_page_shows_one_image_per_role(client, organizer):
    template = make_template(name="Templat Literasi")
    response = client.get(reverse("certificates_template_preview", args=[template.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for role in Role.values:
        assert f'src="{image_url(template, role)}"' in html
    assert "Templat Literasi" in html


def test_an_unknown_role_is_not_found(client, organizer):
    template = make_template()
    assert client.get(image_url(template, "tamu")).status_code == 404


def test_the_edit_page_and_the_listing_offer_the_preview(client, organizer):
    template = make_template()
    target = reverse("certificates_template_preview", args=[template.pk])
    edit = client.get(reverse("certificatetemplate:edit", args=[template.pk])).content.decode()
    assert target in edit and "Pratinjau" in edit
    listing = client.get(reverse("certificatetemplate:index")).content.decode()
    assert target in listing


@pytest.mark.parametrize("group", ["Analyst", "Editor"])
def test_other_staff_see_no_preview(client, group):
    template = make_template()
    client.force_login(UserFactory(username="staf", groups=[group]))
    for url in (reverse("certificates_template_preview", args=[template.pk]), image_url(template)):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
