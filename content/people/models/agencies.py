from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AgencyKind(models.TextChoices):
    SEKRETARIAT = "sekretariat", "Sekretariat"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    DINAS = "dinas", "Dinas"
    BADAN = "badan", "Badan"
    SATUAN = "satuan", "Satuan"
    RSUD = "rsud", "Rumah Sakit Umum Daerah"
    BAGIAN = "bagian", "Bagian"
    KECAMATAN = "kecamatan", "Kecamatan"
    KELURAHAN = "kelurahan", "Kelurahan"
    LAINNYA = "lainnya", "Lainnya"


class Agency(index.Indexed, models.Model):
    """An OPD (Organisasi Perangkat Daerah), a city agency; every participant belongs to one."""

    name = models.CharField("nama", max_length=200, unique=True)
    short_name = models.CharField("singkatan", max_length=60, blank=True)
    kind = models.CharField("jenis", max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Misalnya kecamatan untuk sebuah kelurahan.",
    )
    is_active = models.BooleanField("aktif", default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "OPD"
        verbose_name_plural = "OPD"

    def __str__(self):
        return self.name
