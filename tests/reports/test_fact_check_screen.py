"""The "Buat cek fakta" screen: the prefilled claim and the screenshots to tick (with the warning
that a ticked one becomes public), the draft made on POST, and who may use it."""

import pytest
from django.urls import reverse

from content.articles.models import FactCheckPage
from content.base.models import LenteraImage
from content.reports.models import Case
from tests.base.test_admin_language import _english_in as english_in
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

WARNING = "tangkapan layar yang dicentang menjadi gambar PUBLIK"


@pytest.fixture
def case():
    submitted = submit_report(
        links=["https://x.com/akun/status/123"],
        description="Surat suara sudah dicoblos sebelum hari pemilihan.",
        screenshots=[screenshot_bytes(seed=11), screenshot_bytes(seed=12)],
        contact_email="pelapor@contoh.id",
        contact_consent=True,
    )
    return submitted.report.case


def _url(case):
    return reverse("reports_fact_check_draft", args=[case.pk])


def test_the_desk_sees_the_claim_the_links_as_text_and_the_public_media_warning(
    client, site_tree, case
):
    client.force_login(UserFactory(username="petugas", groups=["Petugas Aduan"]))
    response = client.get(_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Surat suara sudah dicoblos sebelum hari pemilihan." in html
    assert WARNING in html
    assert "Tangkapan layar aduan" in html
    assert html.count('name="screenshots"') == 2
    assert "<code>https://x.com/akun/status/123</code>" in html
    assert 'href="https://x.com' not in html
    # The reporter's contact is not part of this screen.
    assert "pelapor@contoh.id" not in html
    # Desk officers do not write the question bank: no question box for them.
    assert 'name="make_question"' not in html


def test_posting_drafts_the_page_with_the_ticked_screenshot_and_opens_the_editor(
    client, site_tree, case
):
    client.force_login(UserFactory(username="petugas", groups=["Petugas Aduan"]))
    second = case.reports.get().screenshots.order_by("pk").last()
    response = client.post(
        _url(case),
        {
            "claim": "Surat suara sudah dicoblos sebelum hari pemilihan.",
            "claim_short": "Surat suara sudah dicoblos sebelum pemilihan",
            "screenshots": [str(second.pk)],
        },
    )
    page = FactCheckPage.objects.get(live=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.title == "Surat suara sudah dicoblos sebelum pemilihan"
    assert LenteraImage.objects.get() == page.listing_image
    assert Case.objects.get(pk=case.pk).fact_check_id == page.pk
    # The editor opens for the desk officer.
    assert client.get(response["Location"]).status_code == 200

    # A second click (or the back button) goes to the same draft.
    again = client.post(_url(case), {"claim": "x", "claim_short": "x"})
    assert again["Location"] == response["Location"]
    assert FactCheckPage.objects.filter(live=False).count() == 1
    assert client.get(_url(case))["Location"] == response["Location"]


def test_question_box_for_those_who_write_the_question_bank_and_it_needs_a_topic(
    client, site_tree, case
):
    client.force_login(UserFactory(username="pe", groups=["Petugas Aduan", "Editor"]))
    assert 'name="make_question"' in client.get(_url(case)).content.decode()
    response = client.post(
        _url(case), {"claim": "Klaim", "claim_short": "Klaim", "make_question": "on"}
    )
    assert response.status_code == 200
    assert "Pilih topik" in response.content.decode()
    assert not FactCheckPage.objects.filter(live=False).exists()


@pytest.mark.parametrize("groups", [["Mitra Bawaslu"], ["Editor"], ["Moderator"]])
def test_without_triage_and_page_rights_the_screen_is_refused(client, site_tree, case, groups):
    client.force_login(UserFactory(username="lain", groups=groups))
    assert client.get(_url(case)).status_code in (302, 403)
    assert client.post(_url(case), {"claim": "x", "claim_short": "x"}).status_code in (302, 403)
    assert not FactCheckPage.objects.filter(live=False).exists()


def test_the_case_page_offers_the_button_then_the_way_to_the_draft(client, site_tree, case):
    client.force_login(UserFactory(username="petugas", groups=["Petugas Aduan"]))
    case_page = reverse("aduan:case", args=[case.pk])
    html = client.get(case_page).content.decode()
    assert f'href="{_url(case)}"' in html and "Buat cek fakta" in html
    client.post(_url(case), {"claim": "Klaim", "claim_short": "Klaim"})
    page = FactCheckPage.objects.get(live=False)
    html = client.get(case_page).content.decode()
    assert f'href="{_url(case)}"' not in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html


def test_the_screen_speaks_indonesian(client, site_tree, case):
    client.force_login(UserFactory(username="pe", groups=["Petugas Aduan", "Editor"]))
    pages = {
        "form": client.get(_url(case)),
        "refused": client.post(_url(case), {"claim": "", "make_question": "on"}),
    }
    found = {name: english_in(page.content.decode()) for name, page in pages.items()}
    assert found == {name: [] for name in pages}
