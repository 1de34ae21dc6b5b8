import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from content.base import page_views
from content.base.models import AnnouncedModel, BasePage, SectionPage
from content.training.models.choices import SessionMode, TargetGroup


class SessionIndexPage(SectionPage):
    """The sessions section at /sesi/: upcoming and past sessions."""

    intro = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = [*SectionPage.content_panels, FieldPanel("intro")]

    subpage_types = ["training.SessionPage"]

    class Meta:
        verbose_name = "indeks sosialisasi"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Sessions under way, upcoming and past: registered by training/routes.py.
        return page_views.fill_context(self, request, context)


class SessionPage(RoutablePageMixin, BasePage, AnnouncedModel):  # saves announced: figures
    """A sosialisasi: when and where, who it is for, and what participants get from it."""

    description = RichTextField("deskripsi", features=["bold", "italic", "link", "ol", "ul"])
    # The theme, as materials have: statistics report coverage per topic (e.g. "Netralitas ASN"
    # before an election).
    topic = models.ForeignKey(
        "articles.Topic",
        verbose_name="topik",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField("tanggal")
    start_time = models.TimeField("jam mulai")
    end_time = models.TimeField("jam selesai")
    mode = models.CharField("bentuk", max_length=8, choices=SessionMode.choices)
    venue = models.CharField("tempat", max_length=200, blank=True)
    online_url = models.URLField(
        "tautan daring", blank=True, help_text="Hanya ditampilkan kepada peserta terdaftar."
    )
    target_group = models.CharField(
        "sasaran", max_length=4, choices=TargetGroup.choices, default=TargetGroup.ALL
    )
    agencies = ParentalManyToManyField(
        "people.Agency",
        verbose_name="khusus OPD",
        blank=True,
        help_text="Kosongkan bila terbuka untuk semua OPD.",
    )
    capacity = models.PositiveIntegerField(
        "kuota", null=True, blank=True, help_text="Kosongkan bila tidak dibatasi."
    )
    registration_deadline = models.DateTimeField("batas pendaftaran", null=True, blank=True)
    training_hours = models.PositiveSmallIntegerField("jam pelajaran (JP)", default=2)
    allow_walk_in = models.BooleanField("peserta tanpa pendaftaran boleh presensi", default=True)
    late_after_minutes = models.PositiveSmallIntegerField(
        "terlambat setelah (menit)", default=15, help_text="Dihitung dari jam mulai."
    )
    certificate_requires_post_test = models.BooleanField(
        "sertifikat mensyaratkan lulus post-test",
        default=True,
        help_text="Berlaku bila sosialisasi ini memiliki post-test. Matikan hanya bila sertifikat "
        "sengaja diberikan kepada peserta hadir yang belum lulus post-test.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("topic"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("mode"),
                FieldPanel("venue"),
                FieldPanel("online_url"),
            ],
            heading="Waktu dan tempat",
        ),
        InlinePanel("speakers", label="Narasumber"),
        MultiFieldPanel(
            [
                FieldPanel("target_group"),
                FieldPanel("agencies"),
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("training_hours"),
                FieldPanel("certificate_requires_post_test"),
            ],
            heading="Peserta",
        ),
        MultiFieldPanel(
            [FieldPanel("allow_walk_in"), FieldPanel("late_after_minutes")], heading="Presensi"
        ),
        InlinePanel("materials", label="Materi terkait"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]

    parent_page_types = ["training.SessionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "sosialisasi"
        verbose_name_plural = "sosialisasi"

    @classmethod
    def get_subpage_urls(cls):
        # Training's own routes (training/routes.py) and those apps above add (the quizzes'
        # pre-test/ and post-test/), all registered from above, then the mixin's.
        return (*page_views.routes(cls), *super().get_subpage_urls())

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Jam selesai harus setelah jam mulai."})
        if self.mode != SessionMode.ONLINE and not self.venue:
            raise ValidationError({"venue": "Isi tempat untuk sosialisasi tatap muka."})
        if self.mode != SessionMode.OFFLINE and not self.online_url:
            raise ValidationError({"online_url": "Isi tautan untuk sosialisasi daring."})

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    @property
    def late_after(self):
        return self.starts_at + datetime.timedelta(minutes=self.late_after_minutes)

    @property
    def closes_registration_at(self):
        return self.registration_deadline or self.starts_at


class SessionSpeaker(Orderable):
    session = ParentalKey(
        SessionPage, verbose_name="sosialisasi", on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField("nama", max_length=200)
    institution = models.CharField("instansi", max_length=200)
    role = models.CharField("peran", max_length=100, blank=True, help_text="Misalnya moderator.")

    panels = [FieldPanel("name"), FieldPanel("institution"), FieldPanel("role")]


class SessionMaterial(Orderable):
    session = ParentalKey(
        SessionPage, verbose_name="sosialisasi", on_delete=models.CASCADE, related_name="materials"
    )
    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name="materi", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]
