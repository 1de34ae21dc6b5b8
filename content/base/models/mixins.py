"""Abstract pieces every page type shares, each carrying its own panels."""

import secrets

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from content.base import page_cache, reader_cache, routing

# How long a shared fragment of a page is kept (the generation in its key makes it stale sooner).
FRAGMENT_SECONDS = 600


class BasePage(Page):
    """Every public page: an optional social image for Open Graph previews (WhatsApp, Facebook)."""

    social_image = models.ForeignKey(
        "base.LenteraImage",
        verbose_name="gambar untuk media sosial",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Ditampilkan saat tautan dibagikan. Jika kosong, gambar utama halaman dipakai.",
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading="Berbagi"),
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image

    def get_view_restrictions(self):
        # Wagtail asks on every request (two queries); the restricted paths are known per
        # generation, and usually there are none.
        if not routing.may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Templates cache the fragments every reader shares for `fragment_seconds`, keyed on
        # the generation: {% cache fragment_seconds "name" page.pk page_generation %}. A preview
        # shows a draft: its fragments are neither read from the cache nor kept.
        if getattr(request, "is_preview", False):
            context["page_generation"] = f"preview-{secrets.token_hex(8)}"
            context["fragment_seconds"] = 0
        else:
            context["page_generation"] = page_cache.current_generation()
            context["fragment_seconds"] = FRAGMENT_SECONDS
        # While the page is captured for readers, its CSRF tokens are filled in per request.
        context.update(reader_cache.context_for(request))
        return context


class Audience(models.TextChoices):
    ASN = "asn", "ASN"
    PTT = "ptt", "PTT / non-ASN"
    UMUM = "umum", "Umum"


class AudienceMixin(models.Model):
    audience = models.CharField(
        "sasaran pembaca", max_length=8, choices=Audience.choices, default=Audience.UMUM
    )

    panels = [FieldPanel("audience")]

    class Meta:
        abstract = True
