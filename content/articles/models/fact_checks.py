from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from content.articles.models.publications import Publication, PublicationIndexPage
from content.base.blocks import ArchiveLinkBlock, SourceBlock


class Verdict(models.TextChoices):
    HOAKS = "hoaks", "HOAKS"
    DISINFORMASI = "disinformasi", "DISINFORMASI"
    MISINFORMASI = "misinformasi", "MISINFORMASI"
    MENYESATKAN = "menyesatkan", "MENYESATKAN"
    SATIRE = "satire", "SATIRE"
    FAKTA = "fakta", "FAKTA"


# schema.org ClaimReview rating on a 1 (false) to 5 (true) scale.
VERDICT_RATING = {
    Verdict.HOAKS: 1,
    Verdict.DISINFORMASI: 1,
    Verdict.MISINFORMASI: 2,
    Verdict.MENYESATKAN: 2,
    Verdict.SATIRE: 3,
    Verdict.FAKTA: 5,
}


# Google shows `claimReviewed` in search results and asks for a short sentence (under 75
# characters reads whole on a phone); a claim longer than this is not short.
SHORT_CLAIM_LENGTH = 100


class ClaimAuthorKind(models.TextChoices):
    """Who made the claim, as schema.org types them (ClaimReview's itemReviewed.author)."""

    PERSON = "person", "Orang atau akun pribadi"
    ORGANIZATION = "organization", "Lembaga, media, atau akun lembaga"


class FactCheckPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.FactCheckPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class FactCheckIndexPage(PublicationIndexPage):
    """The fact-check section at /cek-fakta/."""

    subpage_types = ["articles.FactCheckPage"]

    class Meta:
        verbose_name = "indeks cek fakta"

    def listing_model(self):
        return FactCheckPage


class FactCheckPage(Publication):
    """A fact-check: the claim, its verdict, the evidence and the sources."""

    claim = models.TextField("klaim", help_text="Klaim yang beredar, ditulis apa adanya.")
    claim_short = models.CharField(
        "klaim singkat",
        max_length=SHORT_CLAIM_LENGTH,
        help_text=(
            "Klaim dalam satu kalimat pendek, sebaiknya kurang dari 75 karakter, misalnya "
            "“Rekrutmen CPNS Pemkot dibuka lewat WhatsApp tanpa tes”. Mesin pencari "
            "menampilkannya di hasil pencarian."
        ),
    )
    verdict = models.CharField("label", max_length=16, choices=Verdict.choices)
    claim_origin = models.CharField(
        "tempat beredar", max_length=200, help_text="Misalnya: grup WhatsApp, Facebook, TikTok."
    )
    claim_first_seen = models.DateField("pertama kali beredar", null=True, blank=True)
    claim_author = models.CharField(
        "pembuat klaim",
        max_length=200,
        help_text=(
            "Siapa yang membuat atau pertama menyebarkan klaim, misalnya nama akun. Bila tidak "
            "diketahui, tulis “Tidak diketahui” dan tempat beredarnya."
        ),
    )
    claim_author_kind = models.CharField(
        "jenis pembuat klaim",
        max_length=16,
        choices=ClaimAuthorKind.choices,
        default=ClaimAuthorKind.PERSON,
    )
    explanation = RichTextField(
        "penjelasan", features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )
    sources = StreamField([("source", SourceBlock())], verbose_name="sumber", blank=True)
    archive_links = StreamField(
        [("archive", ArchiveLinkBlock())], verbose_name="tautan arsip", blank=True
    )
    tags = ClusterTaggableManager(through=FactCheckPageTag, blank=True, verbose_name="tag")
    # The "Hoaks atau Fakta?" question this page becomes when published (content/quizzes makes
    # it; once only). Its picture is not the listing image, which may carry the verdict.
    make_question = models.BooleanField(
        "Jadikan soal Hoaks atau Fakta?",
        default=False,
        help_text="Saat diterbitkan, klaim ini menjadi soal Hoaks atau Fakta? dan masuk ke kuis "
        "yang mengambil soal dari cek fakta. Soal dibuat sekali saja.",
    )
    question_image = models.ForeignKey(
        "base.LenteraImage",
        verbose_name="gambar soal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Gambar klaim yang netral: tanpa label, stempel, atau kesimpulan cek fakta "
        "(potong tangkapan layar bila perlu). Peserta melihatnya sebelum menjawab.",
    )

    content_panels = [
        *Publication.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("claim"),
                FieldPanel("claim_short"),
                FieldPanel("verdict"),
                FieldPanel("claim_origin"),
                FieldPanel("claim_first_seen"),
                FieldPanel("claim_author"),
                FieldPanel("claim_author_kind"),
            ],
            heading="Klaim",
        ),
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("explanation"),
        FieldPanel("sources"),
        FieldPanel("archive_links"),
        # Only for those who may write the question bank (as the admin's button to it).
        MultiFieldPanel(
            [FieldPanel("make_question"), FieldPanel("question_image")],
            heading="Soal Hoaks atau Fakta?",
            permission="quizzes.add_question",
        ),
        *Publication.meta_panels,
    ]
    search_fields = [
        *Publication.search_fields,
        index.SearchField("claim"),
        index.SearchField("explanation"),
        index.FilterField("verdict"),
    ]

    parent_page_types = ["articles.FactCheckIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "cek fakta"
        verbose_name_plural = "cek fakta"

    def clean(self):
        super().clean()
        errors = {}
        if self.question_image_id and self.question_image_id == self.listing_image_id:
            errors["question_image"] = (
                "Pilih gambar lain dari gambar utama: gambar utama dapat memuat label cek fakta, "
                "sedangkan gambar soal dilihat peserta sebelum menjawab."
            )
        if self.make_question and self.topic_id is None:
            errors["topic"] = "Pilih topik: soal Hoaks atau Fakta? disimpan menurut topik."
        if errors:
            raise ValidationError(errors)

    @property
    def rating(self):
        return VERDICT_RATING[self.verdict]

    @property
    def is_false(self):
        return self.rating <= 2
