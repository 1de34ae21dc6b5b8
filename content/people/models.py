from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user model, in place from the first migration.

    Staff (editors, moderators, organizers) and participants share it; the participant profile
    (NIP, NIK, agency) arrives with the participants issue.
    """

    class Meta(AbstractUser.Meta):
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
