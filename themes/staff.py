"""The content editors' group: people of the alliance who write the news and guides and arrange the home page.

They work in Wagtail's admin (/cms/) only: they may add, edit and publish pages anywhere under the home page and
upload or choose images and documents, and nothing else. The group gives no Django model permission of the shop and
its members need not be staff, so Oscar's dashboard and Django's admin stay closed to them. Union staff who also
edit content belong to both groups.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from themes.models import HomePage

CONTENT_EDITORS_GROUP = "Biên tập nội dung"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_content_editors_group():
    """Create or complete the group (idempotent); the home page must exist (themes.home.ensure_home_page)."""
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS_GROUP)
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    home = HomePage.objects.first()
    if home is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission("wagtailcore", codename)
            )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(app_label, codename)
            )
    return group
