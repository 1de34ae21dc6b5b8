from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "content.people"
    label = "people"
    verbose_name = "Pengguna dan peserta"
