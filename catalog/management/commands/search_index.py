"""manage.py search_index rebuild: every browsable product into a new index, then swapped in (searches keep answering
from the old one meanwhile), with a progress bar. Works on whichever backend settings.SEARCH_BACKEND names."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from catalog.search import indexing

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the product search index in a new index and swap it in when complete."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"], help="rebuild: index every browsable product anew")
        parser.add_argument("--batch-size", type=int, default=500, help="Products read from the database at a time.")

    def handle(self, *args, **options):
        self.started = time.monotonic()
        self.stdout.write(f"Rebuilding the {settings.SEARCH_BACKEND} search index...")
        indexed, expected = indexing.rebuild(progress=self.progress, batch_size=options["batch_size"])
        elapsed = time.monotonic() - self.started
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {indexed} of {expected} products in {elapsed:.1f} s."))

    def progress(self, count, expected):
        done = min(count / expected, 1) if expected else 1
        filled = int(BAR_WIDTH * done)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {count}/{expected} ({done:.0%})", ending="")
        self.stdout.flush()
