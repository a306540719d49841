from django.db import migrations

from storefronts.provinces import load_provinces


def forwards(apps, schema_editor):
    load_provinces(apps.get_model("storefronts", "Province"))


class Migration(migrations.Migration):
    dependencies = [
        ("storefronts", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
