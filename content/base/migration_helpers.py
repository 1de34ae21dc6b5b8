"""Helpers for data migrations that create groups and grant permissions.

They take the migration's historical `apps`, so they keep working as models change. Permissions
may not exist yet on a fresh database (Django creates them after migrating), hence get_or_create.
"""


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return found


def group(apps, name, *, formerly=None):
    """The group called `name`, renaming `formerly` if that exists instead, or a new one."""
    Group = apps.get_model("auth.Group")
    found = Group.objects.filter(name=name).first()
    if found is None:
        found = (formerly and Group.objects.filter(name=formerly).first()) or Group(name=name)
        found.name = name
        found.save()
    return found
