"""Which images are public is a decision written down. A Wagtail image is a public file (any
visitor may fetch it and its renditions) listed in every editor's image library; a picture no
visitor should have (a signing official's signature, an office stamp) is a PrivateImageField of
its model instead (content/base/private_images.py). A new link to the image model fails here
until it is added to PUBLIC_IMAGE_LINKS, with the reason it may be public."""

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.urls import NoReverseMatch
from wagtail.images.models import AbstractImage, AbstractRendition

from content.base.file_names import RandomName
from content.base.private_images import PrivateImageField, PrivateImageFormField
from content.base.storages import private_storage

PUBLIC_IMAGE_LINKS = {
    # Shown on public pages, or shared when a page is shared.
    "base.SiteSettings.logo",
    "articles.ArticleIndexPage.social_image",
    "articles.ArticlePage.social_image",
    "articles.ArticlePage.listing_image",
    "articles.FactCheckIndexPage.social_image",
    "articles.FactCheckPage.social_image",
    "articles.FactCheckPage.listing_image",
    "training.SessionIndexPage.social_image",
    "training.SessionPage.social_image",
    "home.HomePage.social_image",
    # Shown to everyone who takes the quiz.
    "quizzes.Question.image",
    "articles.FactCheckPage.question_image",  # becomes a Question.image
    # A decorative frame, printed on every certificate; it proves nothing.
    "certificates.CertificateTemplate.background",
}


def _project_models():
    return [model for model in apps.get_models() if model.__module__.startswith("content.")]


def _fields(kind):
    return [
        (model, field)
        for model in _project_models()
        for field in model._meta.get_fields()
        if isinstance(field, kind)
    ]


def test_every_link_to_a_public_image_is_public_on_purpose():
    links = {
        f"{model._meta.label}.{field.name}"
        for model, field in _fields(models.ForeignKey)
        if issubclass(field.related_model, AbstractImage)
        and not issubclass(model, AbstractRendition)
    }
    assert sorted(links - PUBLIC_IMAGE_LINKS) == [], (
        "a public image: list it in PUBLIC_IMAGE_LINKS with why, or make it a PrivateImageField"
    )
    assert sorted(PUBLIC_IMAGE_LINKS - links) == [], "these no longer exist: remove them"


def test_signatures_and_stamps_are_private_images():
    template = apps.get_model("certificates", "CertificateTemplate")
    for name in ("signatory_1_signature", "signatory_2_signature", "stamp"):
        assert isinstance(template._meta.get_field(name), PrivateImageField)


def test_every_file_outside_the_image_models_is_in_the_private_storage():
    for model, field in _fields(models.FileField):
        if issubclass(model, AbstractImage | AbstractRendition):
            continue
        # The default storage is the private one (content/base/checks.py says so at start).
        assert field.storage in (default_storage, private_storage()), (
            f"{model._meta.label}.{field.name} is not in the private storage"
        )


@pytest.mark.parametrize(
    ("model", "field"),
    _fields(PrivateImageField),
    ids=lambda value: getattr(value, "name", getattr(value, "__name__", "")),
)
def test_every_private_image_is_named_at_random_checked_and_shown_by_a_view(model, field):
    assert isinstance(field.upload_to, RandomName)
    assert isinstance(field.formfield(), PrivateImageFormField)
    instance = model(pk=1)
    try:
        url = instance.private_image_url(field.name)
    except (AttributeError, NoReverseMatch) as missing:
        pytest.fail(f"{model._meta.label} has no view that shows {field.name}: {missing}")
    assert url.startswith("/admin/")
