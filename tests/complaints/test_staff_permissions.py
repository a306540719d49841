"""Union staff decide complaints and manage orders through their group, on a new database (seed_reference_data) and
on one where the group existed before these screens (the data migration)."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from storefronts.staff import UNION_STAFF_GROUP, ensure_union_staff_group

GRANTED = {"complaints.decide_complaint", "staff_orders.manage_orders"}


def group_permissions(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_union_staff_group_decides_complaints_and_manages_orders(db):
    assert group_permissions(ensure_union_staff_group()) >= GRANTED


def test_the_data_migration_gives_an_existing_group_both_permissions(db):
    group, _ = Group.objects.get_or_create(name=UNION_STAFF_GROUP)
    group.permissions.remove(*Permission.objects.filter(codename__in=["decide_complaint", "manage_orders"]))
    migration = importlib.import_module("shop.complaints.migrations.0002_union_staff_permissions")

    migration.give_union_staff(apps, None)

    assert group_permissions(group) >= GRANTED
    assert apps.get_app_config("complaints").models_module is not None
