"""manage.py release: what every deployment runs once, with the new code and its environment, before it serves.

1. migrate: the schema;
2. seed_reference_data: provinces, shipping countries, the home page, the staff groups (without the countries every
   checkout answers 400);
3. collectstatic: the static files WhiteNoise serves (--no-collectstatic skips it where nothing serves them, as
   `make run`'s development server);
4. the search index: rebuilt (and swapped in) when it does not hold exactly the browsable products, e.g. on a new
   Elasticsearch cluster or after restoring a database; an unreachable search engine fails the release.

Safe to run again: each step changes only what is missing or out of date. README (Production) and .ci/run use it.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from elasticsearch.exceptions import ApiError, TransportError
from oscar.core.loading import get_model

from catalog.search import indexing
from catalog.search.backends import get_backend
from catalog.search.records import count_records


class Command(BaseCommand):
    help = "Migrate, seed the reference data, collect the static files and check the search index: run on each release."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Skip collectstatic (development: runserver serves them)."
        )

    def handle(self, *args, **options):
        quiet = {"verbosity": max(options["verbosity"] - 1, 0), "stdout": self.stdout, "stderr": self.stderr}
        call_command("migrate", interactive=False, **quiet)
        call_command("seed_reference_data", **quiet)
        self.check_checkout_countries()
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, **quiet)
            self.stdout.write("Static files collected.")
        self.check_search_index()
        self.stdout.write(self.style.SUCCESS("Release ready."))

    def check_checkout_countries(self):
        countries = get_model("address", "Country").objects.filter(is_shipping_country=True).count()
        if not countries:
            raise CommandError("No shipping country after seed_reference_data: every checkout would be refused.")
        self.stdout.write(f"{countries} shipping countries.")

    def check_search_index(self):
        try:
            backend = get_backend()  # an engine's client reads its root endpoint first (Elasticsearch or OpenSearch)
            indexed, expected = backend.count(), count_records()
            if indexed == expected:
                self.stdout.write(f"Search index ({backend.name}): {indexed} products, complete.")
                return
            self.stdout.write(f"Search index ({backend.name}): {indexed} of {expected} products; rebuilding...")
            indexed, expected = indexing.rebuild()
        except (ApiError, TransportError) as error:
            name = settings.SEARCH_BACKEND
            raise CommandError(f"The search index could not be checked or rebuilt ({name}): {error}") from error
        self.stdout.write(f"Search index ({backend.name}): rebuilt with {indexed} of {expected} products.")
