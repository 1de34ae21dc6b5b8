"""Builds the demo site on top of the site structure the migrations create: settings, staff
accounts, then each app's demo data (materials, participants, sessions, quizzes, certificates).

Every step looks for what it would create first, so running it again changes nothing.
"""

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from content.articles.models import ArticleIndexPage, FactCheckIndexPage
from content.base.address import parse
from content.base.models import SiteSettings
from content.demo import articles as articles_demo
from content.demo import certificates as certificates_demo
from content.demo import people as people_demo
from content.demo import quizzes as quizzes_demo
from content.demo import reports as reports_demo
from content.demo import self_assessment as self_assessment_demo
from content.demo import stats as stats_demo
from content.demo import training as training_demo
from content.home.models import HomePage
from content.training.models import SessionIndexPage

DEMO_STAFF = [
    # username, password, group (None: superuser), name
    ("admin", "lentera-admin", None, "Administrator Lentera"),
    ("editor", "lentera-editor", "Editor", "Rina Kartika"),
    ("moderator", "lentera-moderator", "Moderator", "Bambang Sutrisno"),
    ("organizer", "lentera-organizer", "Organizer", "Sri Wahyuni"),
    ("analis", "lentera-analis", "Analyst", "Yusuf Hidayat"),
]
HOME_TEXT = (
    "Materi literasi digital, cek fakta, dan sosialisasi untuk ASN dan warga Kota Lentera. "
    "Sebelum membagikan, cek dulu di sini."
)


class DemoLoader:
    def __init__(self, log):
        self.log = log
        self.created = 0

    def note(self, message):
        self.created += 1
        self.log(f"  + {message}")

    @transaction.atomic
    def run(self):
        home = self.home_page()
        self.site_settings(Site.objects.get(root_page=home))
        materials = self.section(home, ArticleIndexPage, "Materi Literasi", "materi")
        fact_checks = self.section(home, FactCheckIndexPage, "Cek Fakta", "cek-fakta")
        sessions = self.section(home, SessionIndexPage, "Sosialisasi", "sesi")
        articles_demo.load(self.note, materials=materials, fact_checks=fact_checks)
        self.staff()
        people_demo.load(self.note)
        training_demo.load(
            self.note,
            index=sessions,
            organizer_user=get_user_model().objects.get(username="organizer"),
        )
        stats_demo.load(self.note)
        quizzes_demo.load(self.note, sessions=sessions, fact_checks=fact_checks)
        self_assessment_demo.load(self.note, sessions=sessions)
        # After the quizzes: a certificate keeps the post-test score its holder had.
        certificates_demo.load(
            self.note,
            sessions=sessions,
            organizer_user=get_user_model().objects.get(username="organizer"),
        )
        # The report desk: its officer and partner, and reports in every status.
        reports_demo.load(self.note)
        # Last: a release is frozen, so it must see every demo record of its quarter.
        stats_demo.publish_open_data(self.note)
        return self.created

    def home_page(self):
        """The home page the migrations made; built here only on a site whose tree someone
        had already changed before migrating."""
        home = HomePage.objects.first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title="Beranda", slug="beranda")
            )
            # On the address `make run` serves on (SITE_URL; site_address_set keeps it so).
            address = parse(django_settings.SITE_URL)
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": address.hostname,
                    "port": address.port,
                    "root_page": home,
                    "site_name": "Lentera",
                },
            )
            self.note("beranda dan situs")
        if not home.hero_text:
            home.hero_text = HOME_TEXT
            home.save_revision().publish()
            self.note("teks beranda")
        return home

    def site_settings(self, site):
        settings = SiteSettings.for_site(site)
        if settings.contact_email:
            return
        settings.address = "Jl. Merdeka No. 1, Kota Lentera"
        settings.contact_email = "kominfo@lentera.go.id"
        settings.open_data_contact_email = "data@lentera.go.id"
        settings.contact_phone = "(0274) 123456"
        settings.hoax_report_whatsapp = "6281100001111"
        settings.footer_text = "Dikelola oleh Bidang Informasi dan Komunikasi Publik."
        settings.instagram_url = "https://www.instagram.com/diskominfo"
        settings.youtube_url = "https://www.youtube.com/@diskominfo"
        settings.save()
        self.note("pengaturan situs")

    def section(self, home, model, title, slug):
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug))
            page.save_revision().publish()
            self.note(f"halaman {title}")
        return page

    def staff(self):
        User = get_user_model()
        for username, password, group_name, full_name in DEMO_STAFF:
            if User.objects.filter(username=username).exists():
                continue
            first, _, last = full_name.partition(" ")
            user = User(
                username=username,
                email=f"{username}@lentera.go.id",
                first_name=first,
                last_name=last,
                is_staff=group_name is None,
                is_superuser=group_name is None,
            )
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.note(f"akun {username}")
