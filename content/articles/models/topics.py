from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from content.articles.pillars import Pillar
from content.base.changes import NotifyingQuerySet
from content.base.models import AnnouncedModel


class Topic(index.Indexed, AnnouncedModel):
    """A broad theme (Literasi Digital, Anti-Hoaks, ...) that groups materials and fact-checks."""

    name = models.CharField("nama", max_length=100, unique=True)
    slug = models.SlugField(unique=True, max_length=100)
    description = models.TextField("deskripsi", blank=True)
    # The pillar of digital literacy the topic's materials and sessions build: the index's
    # "where to aim" suggests them for an agency weak on that pillar.
    pillar = models.CharField(
        "pilar literasi digital", max_length=12, choices=Pillar.choices, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("pillar"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    objects = NotifyingQuerySet.as_manager()  # topics are on many cached pages

    class Meta:
        ordering = ["name"]
        verbose_name = "topik"
        verbose_name_plural = "topik"

    def __str__(self):
        return self.name
