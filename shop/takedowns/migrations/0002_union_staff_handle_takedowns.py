"""The union staff group handles reports and takedowns ("takedowns.handle_takedown"), as storefronts.staff lists.

Permissions are normally created after all migrations have run; this one is created here so that an existing
database's group gets it in the same release."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UNION_STAFF_GROUP = "Cán bộ Liên minh HTX"  # storefronts.staff.UNION_STAFF_GROUP, frozen as this migration knows it


def grant(apps, schema_editor):
    config = apps.get_app_config("takedowns")
    config.models_module = True  # create_permissions skips an app it believes has no models
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=UNION_STAFF_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="takedowns", codename="handle_takedown"))


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="takedowns", codename="handle_takedown").first()
    group = Group.objects.filter(name=UNION_STAFF_GROUP).first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("takedowns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, take_back)]
