"""manage.py ocop_daily: expire OCOP certificates past their date and warn stalls 30 days before.

Run it once a day (cron, or Celery beat: see CELERY_BEAT_SCHEDULE in shop/settings.py). Running it twice the same day
changes nothing more.
"""

from django.core.management.base import BaseCommand

from ocop.workflow import run_daily


class Command(BaseCommand):
    help = "Expire OCOP certificates past their date and warn stalls whose certificates expire within 30 days."

    def handle(self, *args, **options):
        expired, warned = run_daily()
        self.stdout.write(f"{expired} certificate(s) expired, {warned} expiry warning(s) sent.")
