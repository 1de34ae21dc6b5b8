"""The editorial groups and the "Tinjauan Moderator" workflow.

Wagtail's first migrations create groups "Editors" and "Moderators" and a "Moderators approval"
workflow on the root page. We rename them to the names our staff use and set their permissions
explicitly, so an Editor can write and submit but never publish, and a Moderator approves.
"""

from django.db import migrations

from content.base.migration_helpers import group, permission

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    ("base", "lenteraimage"): ["add_lenteraimage", "change_lenteraimage", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}


def create_editorial_groups(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    editor = group(apps, "Editor", formerly="Editors")
    moderator = group(apps, "Moderator", formerly="Moderators")

    for staff, codenames in ((editor, EDITOR_PAGE_PERMISSIONS), (moderator, MODERATOR_PAGE_PERMISSIONS)):
        staff.permissions.add(access_admin)
        GroupPagePermission.objects.filter(group=staff).exclude(
            permission__codename__in=codenames
        ).delete()
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=staff, page=root, permission=permission(apps, "wagtailcore", "page", codename)
            )
        for (app_label, model), collection_codenames in COLLECTION_PERMISSIONS.items():
            for codename in collection_codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=staff,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(groups=moderator, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Persetujuan Moderator", content_type=task_type, active=True
        )
    task.name = "Persetujuan Moderator"
    task.save()
    task.groups.set([moderator])

    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Tinjauan Moderator", active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.name = "Tinjauan Moderator"
    workflow.save()
    # On the root page, every section (materials, fact-checks) inherits it; the demo data also
    # assigns it to the two sections explicitly.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_editorial_groups, migrations.RunPython.noop)]
