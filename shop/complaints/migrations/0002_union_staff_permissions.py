"""Union staff decide complaints and manage orders: the group gets ``complaints.decide_complaint`` and
``staff_orders.manage_orders``. On a fresh database the group does not exist yet; seed_reference_data creates it
with every permission of storefronts.staff.PERMISSIONS."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UNION_STAFF_GROUP = "Cán bộ Liên minh HTX"  # storefronts.staff.UNION_STAFF_GROUP when this was written
GRANTED = [("complaints", "decide_complaint"), ("staff_orders", "manage_orders")]


def give_union_staff(apps, schema_editor):
    for label in {label for label, _codename in GRANTED}:
        app_config = apps.get_app_config(label)
        # A historical app config (AppConfigStub) has no models_module, and create_permissions skips an app without
        # one: lend it one while its permissions are made.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    group = apps.get_model("auth", "Group").objects.filter(name=UNION_STAFF_GROUP).first()
    if group is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for app_label, codename in GRANTED:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("staff_orders", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give_union_staff, migrations.RunPython.noop)]
