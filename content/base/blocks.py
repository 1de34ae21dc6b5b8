"""StreamField blocks for article bodies and fact-check evidence."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="judul")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Judul bagian (H2)"), ("h3", "Subjudul (H3)")],
        default="h2",
        label="tingkat",
    )

    class Meta:
        icon = "title"
        label = "Judul"
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    # Wagtail's ImageBlock asks for alt text unless the editor marks the image decorative.
    image = ImageBlock(label="gambar")
    caption = blocks.CharBlock(required=False, label="keterangan")

    class Meta:
        icon = "image"
        label = "Gambar"
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="kutipan")
    attribution = blocks.CharBlock(required=False, label="sumber kutipan")

    class Meta:
        icon = "openquote"
        label = "Kutipan"
        template = "blocks/quote_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label="tautan video", help_text="Tautan YouTube atau Vimeo.")
    caption = blocks.CharBlock(required=False, label="keterangan")

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="dokumen")
    label = blocks.CharBlock(required=False, label="teks tombol")

    class Meta:
        icon = "doc-full"
        label = "Unduhan"
        template = "blocks/download_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Paragraf")
    figure = FigureBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    download = DownloadBlock()


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="judul sumber")
    publisher = blocks.CharBlock(required=False, label="penerbit")
    url = blocks.URLBlock(label="tautan")

    class Meta:
        icon = "link"
        label = "Sumber"


class ArchiveLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label="tautan arsip", help_text="Misalnya dari archive.org.")
    note = blocks.CharBlock(required=False, label="catatan")

    class Meta:
        icon = "link"
        label = "Arsip"
