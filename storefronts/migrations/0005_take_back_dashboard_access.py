"""Members no longer reach Oscar's dashboard (issue 17): take back the ``partner.dashboard_access`` permission that
approving a stall or accepting an invitation used to give every member. Union staff reach the dashboard through
``is_staff`` and their group, never through this per-user grant, so they keep it."""

from django.conf import settings
from django.db import migrations


def take_back_dashboard_access(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    access = Permission.objects.filter(codename="dashboard_access", content_type__app_label="partner").first()
    if access is None:  # a fresh database: permissions are created after the migrations run
        return
    members = apps.get_model("storefronts", "Membership").objects.values("user_id")
    User.user_permissions.through.objects.filter(permission=access, user_id__in=members).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("storefronts", "0004_stall_theme"),
        ("partner", "0008_stockrecord_stock_allocation_within_stock"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(take_back_dashboard_access, migrations.RunPython.noop)]
