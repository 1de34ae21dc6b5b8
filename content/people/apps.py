from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "content.people"
    label = "people"
    verbose_name = "Pengguna dan peserta"

    def ready(self):
        from content.base import permissions
        from content.people import permissions as people_permissions
        from content.people import (
            personal_parts,  # noqa: F401 (registers the account menu)
            tasks,  # noqa: F401 (registers its background tasks)
        )

        permissions.declare(*people_permissions.GROUPS)
