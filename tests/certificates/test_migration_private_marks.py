"""Templates made before signatures and stamps became private files keep them: the migration
copies each image's bytes into the template's private fields, and the Wagtail images stay in
the library for an editor to delete."""

import importlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from content.certificates.models import CertificateTemplate
from tests.factories.images import ImageFactory, png_file

BEFORE = ("certificates", "0004_template_marks_private")
copying = importlib.import_module("content.certificates.migrations.0005_copy_template_marks")


def _migrate_back():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    return executor.loader.project_state([BEFORE]).apps


def _migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _gif():
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (72, 58, 160)).save(out, format="GIF")
    out.seek(0)
    return ImageFile(out, name="cap.gif")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_images_bytes_move_into_the_private_fields():
    signature = ImageFactory(file=png_file(name="ttd.png", size=(120, 40), colour=(1, 2, 3)))
    stamp = ImageFactory(file=_gif())
    background = ImageFactory()
    with signature.file.open("rb") as handle:
        signature_bytes = handle.read()
    old = _migrate_back()
    try:
        Template = old.get_model("certificates", "CertificateTemplate")
        template = Template.objects.create(
            name="Lama",
            signatory_1_name="Budi",
            signatory_1_position="Kepala Dinas",
            number_format="{seq}/LAMA/{tahun}",
            background_id=background.pk,
            legacy_signatory_1_signature_id=signature.pk,
            legacy_stamp_id=stamp.pk,
        )
        copying.copy_template_marks(old, None)
        copied = Template.objects.get(pk=template.pk)
        # Run twice, it copies nothing more.
        copying.copy_template_marks(old, None)
        assert Template.objects.get(pk=template.pk).signatory_1_signature == (
            copied.signatory_1_signature.name
        )
    finally:
        _migrate_forward()

    template = CertificateTemplate.objects.get(name="Lama")
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    name = template.signatory_1_signature.name
    assert name.startswith("certificates/templates/") and name.endswith(".png")
    assert (private / name).read_bytes() == signature_bytes
    # A GIF becomes a PNG, the formats the field holds.
    assert template.stamp.name.endswith(".png")
    with Image.open(private / template.stamp.name) as picture:
        assert picture.format == "PNG" and picture.size == (30, 20)
    assert not template.signatory_2_signature
    # The background stays a Wagtail image; the library keeps all three.
    assert template.background_id == background.pk
    assert {signature.pk, stamp.pk, background.pk} <= set(
        type(background).objects.values_list("pk", flat=True)
    )
    assert len(list((private / "certificates/templates").iterdir())) == 2
