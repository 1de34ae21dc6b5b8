"""What the editorial groups may do with media (applied after every migrate; see
content/base/permissions.py). Their page permissions and the moderation workflow come from
base's migration 0003.

Image permissions are Wagtail's (wagtailimages.*): Wagtail checks them against its own Image
model even with a custom image model, so permissions on base.LenteraImage grant nothing.
"""

from content.base.permissions import GroupPermissions

GROUPS = [
    GroupPermissions(
        "Editor",
        collections=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
    ),
    GroupPermissions(
        "Moderator",
        collections=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.delete_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.delete_document",
            "wagtaildocs.choose_document",
        ),
    ),
]
