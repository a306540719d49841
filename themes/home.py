"""Make sure the site has its Wagtail home page at the root of the default Site."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from themes.models import HomePage


def ensure_home_page():
    """Create the page tree's root, the home page and the default Site when missing (a fresh or test database)."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Chợ HTX", slug="home"))
    if not Site.objects.filter(is_default_site=True, root_page=home).exists():
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Chợ HTX")
    return home
