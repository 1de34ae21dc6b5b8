import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if not create:
            return
        self.save()  # keeps the password set above
        if names:
            self.groups.add(*Group.objects.filter(name__in=names))


def editor(**kwargs):
    return UserFactory(username="editor", groups=["Editor"], **kwargs)


def moderator(**kwargs):
    return UserFactory(username="moderator", groups=["Moderator"], **kwargs)
