"""manage.py seed_reference_data: provinces, shipping countries, the home page and the legal pages, the union staff and content editors groups and the site's address (idempotent).

Useful on a database built without migrations (the test suite's fast mode) and after restoring partial data.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand
from oscar.core.loading import get_model

from shop.fulfilment.countries import load_countries
from storefronts.models import Province
from storefronts.provinces import load_provinces
from storefronts.staff import ensure_union_staff_group
from themes.home import ensure_home_page
from themes.legal import ensure_legal_pages
from themes.staff import ensure_content_editors_group


class Command(BaseCommand):
    help = "Create or refresh the provinces, the Wagtail home page and the union staff and content editors groups."

    def handle(self, *args, **options):
        load_provinces(Province)
        load_countries(get_model("address", "Country"))
        ensure_home_page()
        ensure_legal_pages()  # drafts awaiting legal review until the editors replace them
        ensure_union_staff_group()
        ensure_content_editors_group()
        # Absolute links (sitemap, e-mails from Oscar) use the sites framework: point it at the public address.
        Site.objects.update_or_create(
            pk=settings.SITE_ID, defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": "Chợ HTX"}
        )
        self.stdout.write(f"{Province.objects.count()} provinces, the home page and the staff groups ready.")
