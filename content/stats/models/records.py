"""What statistics need beyond the records of the other apps: each agency's official headcount
per year, the denominator of coverage (attended / headcount)."""

from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from content.base.changes import NotifyingQuerySet
from content.base.models import AnnouncedModel


class AgencyHeadcount(AnnouncedModel):
    """How many ASN and PTT an agency employs in a year, as its HR office reports them."""

    agency = models.ForeignKey(
        "people.Agency", verbose_name="OPD", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000)])
    asn = models.PositiveIntegerField("jumlah ASN", default=0)
    ptt = models.PositiveIntegerField("jumlah PTT / non-ASN", default=0)

    objects = NotifyingQuerySet.as_manager()  # behind the cached figures

    panels = [
        FieldPanel("agency"),
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("asn"), FieldPanel("ptt")]),
    ]

    class Meta:
        verbose_name = "jumlah pegawai OPD"
        verbose_name_plural = "jumlah pegawai OPD"
        ordering = ["-year", "agency__name"]
        permissions = [("view_statistics", "Dapat melihat statistik")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="stats_one_headcount_a_year")
        ]

    def __str__(self):
        return f"{self.agency} {self.year}"


class PublishedRecordError(Exception):
    """A published open data release, or one of its files, was about to be changed."""


class OpenDataRelease(models.Model):
    """One closed period's open data, published once and never changed (open_data.py says
    which periods and when; services.open_data_release_publish writes it). Periods never
    overlap, so nothing can be learnt by subtracting one release from another."""

    slug = models.SlugField("kode", max_length=16, unique=True)  # 2025-q1
    period_start = models.DateField("awal periode", unique=True)
    period_end = models.DateField("akhir periode", unique=True)
    published_at = models.DateTimeField("diterbitkan")
    # The rule the release was protected with, in the words its metadata published.
    suppression = models.TextField("aturan supresi")

    class Meta:
        verbose_name = "rilis data terbuka"
        verbose_name_plural = "rilis data terbuka"
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="stats_open_data_period_in_order",
            )
        ]

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        # Published figures never change: a correction waits for no release (see open_data.py).
        if not self._state.adding:
            raise PublishedRecordError(f"Rilis {self.slug} sudah terbit dan tidak dapat diubah.")
        super().save(*args, **kwargs)


class OpenDataFile(models.Model):
    """A data set of a release as published: its rows, its CSV and JSON files byte for byte,
    and each file's SHA-256, which the metadata lists so anyone can check a copy."""

    release = models.ForeignKey(
        OpenDataRelease, verbose_name="rilis", on_delete=models.PROTECT, related_name="files"
    )
    dataset = models.SlugField("data set", max_length=64)
    position = models.PositiveSmallIntegerField("urutan")
    title = models.CharField("judul", max_length=200)
    description = models.TextField("deskripsi")
    columns = models.JSONField("kolom")  # [{name, title, type, description}]
    rows = models.JSONField("baris")  # as published: withheld cells are null
    csv = models.TextField("CSV")
    csv_sha256 = models.CharField("SHA-256 CSV", max_length=64)
    json = models.TextField("JSON")
    json_sha256 = models.CharField("SHA-256 JSON", max_length=64)

    class Meta:
        verbose_name = "berkas data terbuka"
        verbose_name_plural = "berkas data terbuka"
        ordering = ["release", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "dataset"], name="stats_one_file_per_dataset_and_release"
            )
        ]

    def __str__(self):
        return f"{self.release.slug}/{self.dataset}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PublishedRecordError(
                f"Berkas {self.dataset} sudah terbit dan tidak dapat diubah."
            )
        super().save(*args, **kwargs)
