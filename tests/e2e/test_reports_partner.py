"""Bawaslu's side of the report desk on a phone (390 px): the partner logs in, finds the forwarded
case in "Kasus Bawaslu" (and not a case the desk kept), opens it and records an outcome."""

import json
import os
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.browser

PARTNER, PASSWORD = "bawaslu", "lentera-bawaslu"

# Run inside the demo site's database: the partner account (the demo's, or made here while the
# demo has none), a case forwarded by a desk officer and one that was not.
SETUP = """
import json
from django.contrib.auth.models import Group
from content.people.models import User
from content.reports.services import partner
from tests.factories.reports import screenshot_bytes, submit_report

bawaslu = User.objects.filter(username="bawaslu").first()
if bawaslu is None:
    bawaslu = User.objects.create_user("bawaslu", password="lentera-bawaslu")
    bawaslu.groups.add(Group.objects.get(name="Mitra Bawaslu"))
desk = User.objects.filter(groups__name="Petugas Aduan").first()
if desk is None:
    desk = User.objects.create_user("petugas-e2e", password="lentera-petugas")
    desk.groups.add(Group.objects.get(name="Petugas Aduan"))
shown = submit_report(
    links=["https://www.instagram.com/p/E2EDiteruskan/"],
    description="ASN mengajak memilih (uji e2e).",
    screenshots=[screenshot_bytes(seed=21)],
    contact_email="pelapor.e2e.9911@contoh.id",
    kind="asn_kampanye",
).report.case
kept = submit_report(links=["https://www.tiktok.com/@e2e/video/4242"]).report.case
partner.case_forward(shown, desk)
print(json.dumps({"shown": shown.pk, "kept": kept.pk}))
"""


@pytest.fixture
def cases(demo_site):
    folder = demo_site.database.parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.e2e",
        "DATABASE_URL": f"sqlite:///{demo_site.database}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "CERTIFICATE_SIGNING_P12": str(folder / "demo-signing.p12"),
        "TASK_WORKER": "false",
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SETUP],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_partner_sees_the_forwarded_case_and_records_an_outcome(demo_site, phone, cases):
    base = demo_site.url
    phone.goto(base + "/admin/login/")
    phone.locator("#id_username").fill(PARTNER)
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.wait_for_url(base + "/admin/")

    phone.goto(base + "/admin/kasus-bawaslu/")
    shown = phone.get_by_role("link", name=f"Kasus #{cases['shown']}", exact=True)
    assert shown.is_visible()
    assert phone.get_by_role("link", name=f"Kasus #{cases['kept']}", exact=True).count() == 0
    # Nothing wider than the phone: the list reads without sideways scrolling.
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    shown.click()

    phone.wait_for_url(f"{base}/admin/kasus-bawaslu/{cases['shown']}/")
    assert phone.get_by_text("instagram.com/p/E2EDiteruskan").first.is_visible()
    assert "pelapor.e2e.9911" not in phone.content()
    # The screenshot loads from the checked view.
    image = phone.locator("figure img").first
    image.scroll_into_view_if_needed()
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )

    phone.get_by_label("Bukan pelanggaran").check()
    phone.get_by_label("Catatan").fill("Sudah diperiksa Bawaslu kabupaten.")
    phone.get_by_role("button", name="Simpan hasil").click()
    phone.wait_for_url(f"{base}/admin/kasus-bawaslu/{cases['shown']}/")
    assert phone.get_by_text("dicatat: Bukan pelanggaran").first.is_visible()

    # The list shows it too.
    phone.goto(base + "/admin/kasus-bawaslu/?hasil=bukan_pelanggaran")
    assert phone.get_by_role("link", name=f"Kasus #{cases['shown']}", exact=True).is_visible()
