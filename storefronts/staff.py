"""The union staff group: the people of the cooperative alliance who review stalls and edit the site's content.

They act through this group's permissions, never as superusers.
"""

from django.contrib.auth.models import Group, Permission

UNION_STAFF_GROUP = "Cán bộ Liên minh HTX"
PERMISSIONS = [
    ("storefronts", "review_storefront"),
    ("ocop", "verify_certificate"),
    ("payments", "confirm_transfer"),
    ("staff_orders", "manage_orders"),
    ("complaints", "decide_complaint"),
    ("takedowns", "handle_takedown"),
    ("wagtailadmin", "access_admin"),
]


def ensure_union_staff_group():
    group, _ = Group.objects.get_or_create(name=UNION_STAFF_GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
