"""manage.py reconcile_payments: match provider payments to orders, refund orphans, give up stale unpaid orders."""

from django.core.management.base import BaseCommand

from shop.payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Match every provider payment to an order (refunding money with no order) and cancel stale unpaid orders."

    def handle(self, *args, **options):
        report = reconcile()
        self.stdout.write(
            f"{len(report.marked_paid)} marked paid, {len(report.refunded)} refunded, "
            f"{len(report.cancelled)} unpaid orders cancelled."
        )
        for label, numbers in (
            ("paid", report.marked_paid),
            ("refunded", report.refunded),
            ("cancelled", report.cancelled),
        ):
            for number in numbers:
                self.stdout.write(f"  {label}: {number}")
