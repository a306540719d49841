"""manage.py load_demo: a believable Vietnamese marketplace for development and demos, built without any download."""

from django.core.management.base import BaseCommand
from django.utils import translation

from shop.demo.loader import DEMO_ACCOUNTS, DemoLoader


class Command(BaseCommand):
    help = "Load the demo cooperatives, stalls, categories, products and one account per role (idempotent)."

    def handle(self, *args, **options):
        with translation.override("vi"):
            report = DemoLoader().load()
        if report.created:
            summary = ", ".join(f"{count} {kind}" for kind, count in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {summary}."))
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        self.stdout.write("Demo accounts (development only, never use in production):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<20} {account.email:<32} {account.password}")
