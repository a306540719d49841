"""The union staff's overview of the marketplace: stalls, orders and sales, OCOP certificates.

Every figure is one grouped query, whatever the number of stalls, orders or certificates; months and provinces
without activity are filled in here, not by a query each. The figures of a date range:

- Orders and sales count what stalls sold (their StallOrders) in orders placed between the first and the last day
  (in the site's time zone), cancelled stall orders left out. Sales are the goods (tiền hàng) without shipping, as a
  stall's own figures are (storefronts.sales_figures); an order holding two stalls' goods is one order.
- A province's figures are those of the stalls whose cooperative is registered there (where the goods come from).
- Stalls by status, OCOP stars and expiring certificates are today's picture, whatever the range.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ocop.models import OcopCertificate
from shop.fulfilment.models import StallOrder
from storefronts.models import Province, Storefront

TOP_STALLS = 10
EXPIRY_WINDOWS = (30, 60, 90)
EXPIRING_LISTED = 50


@dataclass(frozen=True)
class Month:
    first_day: date
    orders: int
    sales: int


@dataclass(frozen=True)
class ProvinceFigures:
    slug: str
    name: str
    approved_stalls: int
    stalls: int
    orders: int
    sales: int


@dataclass(frozen=True)
class StallSales:
    name: str
    province: str
    orders: int
    sales: int


@dataclass(frozen=True)
class StarCount:
    stars: int
    products: int
    certificates: int


@dataclass(frozen=True)
class ExpiringCertificate:
    stall: str
    number: str
    stars: int
    expiry_date: date
    days_left: int


@dataclass(frozen=True)
class Overview:
    first_day: date
    last_day: date
    stalls_by_status: list  # (status value, label, count), in the statuses' order
    provinces: list  # ProvinceFigures, one per province, by name
    months: list  # Month, every month of the range
    top_stalls: list  # StallSales, best first
    stars: list  # StarCount for 3, 4 and 5 stars
    expiring_counts: list  # (days, certificates expiring within that many days)
    expiring: list  # ExpiringCertificate, soonest first

    @property
    def orders(self):
        return sum(month.orders for month in self.months)

    @property
    def sales(self):
        return sum(month.sales for month in self.months)


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def month_starts(first_day, last_day):
    month = first_day.replace(day=1)
    while month <= last_day:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def sold_between(first_day, last_day):
    """The stall orders of orders placed from ``first_day`` to ``last_day`` (both included), not cancelled."""
    return StallOrder.objects.filter(
        order__date_placed__gte=local_midnight(first_day),
        order__date_placed__lt=local_midnight(last_day + timedelta(days=1)),
    ).exclude(status=StallOrder.Status.CANCELLED)


def overview(first_day, last_day, today=None):
    today = today or timezone.localdate()
    sold = sold_between(first_day, last_day)
    return Overview(
        first_day=first_day,
        last_day=last_day,
        stalls_by_status=stalls_by_status(),
        provinces=provinces(sold),
        months=months(sold, first_day, last_day),
        top_stalls=top_stalls(sold),
        stars=stars(today),
        expiring_counts=expiring_counts(today),
        expiring=expiring(today),
    )


def stalls_by_status():
    counts = dict(Storefront.objects.order_by().values_list("status").annotate(count=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Storefront.Status.choices]


def provinces(sold):
    """Every province with its stalls (approved ones and all) and what they sold."""
    rows = Province.objects.annotate(
        stalls=Count("cooperative__storefront"),
        approved_stalls=Count(
            "cooperative__storefront", filter=Q(cooperative__storefront__status=Storefront.Status.APPROVED)
        ),
    ).order_by("name")
    sales = {
        row["province"]: row
        for row in sold.order_by()
        .values(province=F("storefront__cooperative__province"))
        .annotate(orders=Count("order", distinct=True), sales=Sum("items_total"))
    }
    return [
        ProvinceFigures(
            slug=province.slug,
            name=province.name,
            approved_stalls=province.approved_stalls,
            stalls=province.stalls,
            orders=sales.get(province.pk, {}).get("orders", 0),
            sales=int(sales.get(province.pk, {}).get("sales") or 0),
        )
        for province in rows
    ]


def months(sold, first_day, last_day):
    month = TruncMonth("order__date_placed", output_field=DateField(), tzinfo=timezone.get_current_timezone())
    rows = {
        row["month"]: row
        for row in sold.order_by()
        .annotate(month=month)
        .values("month")
        .annotate(orders=Count("order", distinct=True), sales=Sum("items_total"))
    }
    return [
        Month(start, rows.get(start, {}).get("orders", 0), int(rows.get(start, {}).get("sales") or 0))
        for start in month_starts(first_day, last_day)
    ]


def top_stalls(sold, limit=TOP_STALLS):
    rows = (
        sold.order_by()
        .values("storefront_id", "storefront__name", "storefront__cooperative__province__name")
        .annotate(orders=Count("order", distinct=True), sales=Sum("items_total"))
        .order_by("-sales", "-orders", "storefront__name")[:limit]
    )
    return [
        StallSales(
            row["storefront__name"], row["storefront__cooperative__province__name"], row["orders"], int(row["sales"])
        )
        for row in rows
    ]


def stars(today):
    """Valid certificates and the products they certify, by stars (a product certified twice counts in each)."""
    rows = {
        row["stars"]: row
        for row in OcopCertificate.objects.valid(today)
        .order_by()
        .values("stars")
        .annotate(certificates=Count("pk", distinct=True), products=Count("products", distinct=True))
    }
    return [
        StarCount(value, rows.get(value, {}).get("products", 0), rows.get(value, {}).get("certificates", 0))
        for value in OcopCertificate.Stars.values
    ]


def still_valid_until(today, days):
    return OcopCertificate.objects.valid(today).filter(expiry_date__lte=today + timedelta(days=days))


def expiring_counts(today):
    windows = {
        f"within_{days}": Count("pk", filter=Q(expiry_date__lte=today + timedelta(days=days)))
        for days in EXPIRY_WINDOWS
    }
    counts = still_valid_until(today, max(EXPIRY_WINDOWS)).aggregate(**windows)
    return [(days, counts[f"within_{days}"]) for days in EXPIRY_WINDOWS]


def expiring(today, limit=EXPIRING_LISTED):
    certificates = (
        still_valid_until(today, max(EXPIRY_WINDOWS))
        .select_related("storefront")
        .order_by("expiry_date", "certificate_number")[:limit]
    )
    return [
        ExpiringCertificate(
            certificate.storefront.name,
            certificate.certificate_number,
            certificate.stars,
            certificate.expiry_date,
            (certificate.expiry_date - today).days,
        )
        for certificate in certificates
    ]
