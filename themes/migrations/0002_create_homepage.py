from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with our home page and make it the default site's root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("themes.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()  # its Site goes with it

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="themes")
    homepage = HomePage.objects.create(
        title="Chợ HTX",
        draft_title="Chợ HTX",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Chợ HTX")


def remove_homepage(apps, schema_editor):
    apps.get_model("themes.HomePage").objects.filter(slug="home", depth=2).delete()
    apps.get_model("contenttypes.ContentType").objects.filter(model="homepage", app_label="themes").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
