import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def png_file(name="gambar.png", size=(64, 36), colour=(11, 79, 108)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Gambar {n}")
    description = factory.Faker("sentence", nb_words=6, locale="id_ID")
    file = factory.LazyFunction(png_file)
