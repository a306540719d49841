"""manage.py seed_reference_data: provinces and the home page, as the data migrations create them (idempotent).

Useful on a database built without migrations (the test suite's fast mode) and after restoring partial data.
"""

from django.core.management.base import BaseCommand

from storefronts.models import Province
from storefronts.provinces import load_provinces
from themes.home import ensure_home_page


class Command(BaseCommand):
    help = "Create or refresh the provinces and the Wagtail home page."

    def handle(self, *args, **options):
        load_provinces(Province)
        ensure_home_page()
        self.stdout.write(f"{Province.objects.count()} provinces; home page ready.")
