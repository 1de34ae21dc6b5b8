"""What statistics need beyond the records of the other apps: each agency's official headcount
per year, the denominator of coverage (attended / headcount)."""

from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from content.base.changes import NotifyingQuerySet


class AgencyHeadcount(models.Model):
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
