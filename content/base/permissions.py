"""What each staff group may do, declared by the app that owns the models, applied after every
`migrate`.

Each app lists its groups' permissions in one place, its own ``permissions.py``:

    GROUPS = [
        GroupPermissions(
            "Organizer",
            models=["training.view_attendance", ...],
            pages={"training.SessionIndexPage": ["add_page", "change_page", "publish_page"]},
        ),
    ]

and declares them from ``AppConfig.ready()``. After every ``migrate`` (the Procfile's release
step, ``make run``, the test database) the declarations are applied: each group is created if
missing and given its model permissions, Wagtail admin access, its collection permissions on the
root collection, and its page permissions on every page of the named types. A page of such a type
created later gets them when it is created. Nothing depends on the demo data.

Applying only adds: it never removes what an administrator granted by hand.
"""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, post_save
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

ADMIN_ACCESS = "wagtailadmin.access_admin"


@dataclass(frozen=True)
class GroupPermissions:
    group: str
    # "app_label.codename"
    models: tuple = ()
    # "app_label.codename" granted on the root collection (images, documents)
    collections: tuple = ()
    # "app_label.PageModel" -> Wagtail page permission codenames on every page of that type
    pages: dict = field(default_factory=dict)


_declared = []


def declare(*declarations):
    for declaration in declarations:
        if declaration not in _declared:
            _declared.append(declaration)
        for model_label in declaration.pages:
            post_save.connect(
                _page_created,
                sender=global_apps.get_model(model_label),
                dispatch_uid=f"group-page-permissions:{model_label}",
            )


def _permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(f"wagtailcore.{codename}")
        )


def apply(declaration):
    group, _ = Group.objects.get_or_create(name=declaration.group)
    group.permissions.add(*(_permission(label) for label in (ADMIN_ACCESS, *declaration.models)))
    root_collection = Collection.get_first_root_node()
    for label in declaration.collections if root_collection else ():
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(label)
        )
    for model_label, codenames in declaration.pages.items():
        for page in global_apps.get_model(model_label).objects.all():
            _grant_page(group, page, codenames)


def apply_all(**kwargs):
    """Apply every declaration (a post_migrate receiver; also callable on its own)."""
    labels = {
        label.split(".")[0]
        for declaration in _declared
        for label in (ADMIN_ACCESS, *declaration.models, *declaration.collections)
    }
    # Django creates permissions in its own post_migrate receivers, app by app; this one may run
    # before some of them, so make sure the permissions it needs exist.
    for app_label in labels:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0)
    for declaration in _declared:
        apply(declaration)


def _page_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    model_label = sender._meta.label
    for declaration in _declared:
        if model_label in declaration.pages:
            group, _ = Group.objects.get_or_create(name=declaration.group)
            _grant_page(group, instance, declaration.pages[model_label])


def connect(sender):
    """Apply the declarations once per `migrate`, when `sender`'s post_migrate is sent."""
    post_migrate.connect(
        lambda **kwargs: apply_all(), sender=sender, weak=False, dispatch_uid="group-permissions"
    )
