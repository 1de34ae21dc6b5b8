from email.utils import parseaddr

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from content.base import page_cache
from content.base.models.announced import AnnouncedModel


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting, AnnouncedModel):  # on every page: saves are announced
    """Logo, contacts, footer and social links, edited by administrators in the Wagtail admin."""

    logo = models.ForeignKey(
        "base.LenteraImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(
        "nama instansi", max_length=200, default="Dinas Komunikasi dan Informatika"
    )
    tagline = models.CharField(
        "slogan", max_length=200, blank=True, default="Literasi digital, lawan hoaks"
    )
    address = models.TextField("alamat", blank=True)
    contact_email = models.EmailField("email kontak", blank=True)
    contact_phone = models.CharField("telepon", max_length=40, blank=True)
    hoax_report_whatsapp = models.CharField(
        "WhatsApp aduan hoaks",
        max_length=20,
        blank=True,
        help_text="Nomor dalam format internasional tanpa +, misalnya 6281234567890.",
    )
    # Open data's contact point (DCAT-US 1.1 requires one per data set, in metadata.json).
    open_data_contact_name = models.CharField(
        "nama kontak data terbuka",
        max_length=200,
        default="Pengelola Data Terbuka, Dinas Komunikasi dan Informatika",
        help_text="Ditulis di metadata.json sebagai kontak setiap data set.",
    )
    open_data_contact_email = models.EmailField(
        "email kontak data terbuka",
        blank=True,
        help_text="Kosongkan untuk memakai email kontak di atas.",
    )
    footer_text = models.TextField("teks kaki halaman", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("organisation_name"), FieldPanel("tagline")],
            heading="Identitas",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("hoax_report_whatsapp"),
            ],
            heading="Kontak",
        ),
        MultiFieldPanel(
            [FieldPanel("open_data_contact_name"), FieldPanel("open_data_contact_email")],
            heading="Data terbuka",
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Media sosial",
        ),
    ]

    class Meta:
        verbose_name = "pengaturan situs"

    @classmethod
    def for_request(cls, request):
        """Every page shows them (header, footer, title): read from the cache under the page
        cache's generation, which saving them moves on (base/apps.py)."""
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = f"page-data:{page_cache.current_generation()}:site-settings:{site.pk}"
        site_settings = page_cache.copies.get(key)
        if site_settings is None:
            site_settings = cls.for_site(site)
            site_settings.logo  # noqa: B018 (loaded now, so the cached copy carries it)
            page_cache.copies.set(key, site_settings, 60 * 60)
        site_settings._request = request
        setattr(request, attribute, site_settings)
        return site_settings

    def open_data_contact(self):
        """(name, email) of whom open data's users may write to: the open data contact, else
        the site's contact email, else the address the site sends from."""
        email = self.open_data_contact_email or self.contact_email
        if not email:
            email = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        return self.open_data_contact_name, email

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]
