"""A stall's sales figures over the last 7, 30 or 90 days: its own share of buyers' orders only.

An order may hold several stalls' goods. What a stall sold is its StallOrder (one per order and stall) and the order
lines of its own Oscar partner; another stall's lines, the order's total and the other stalls' shipping never enter
these sums. Cancelled stall orders are left out. Revenue is the stall's goods (tiền hàng) without shipping.

Product views come from Oscar's analytics (``ProductRecord.num_views``), which counts every view since the product
was listed and keeps no dates: they are shown as such, not as a figure of the period.

Every figure is one grouped query, whatever the number of orders (days are filled in here, not by a query each).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder

Line = get_model("order", "Line")
ProductRecord = get_model("analytics", "ProductRecord")

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
TOP_PRODUCTS = 5


@dataclass(frozen=True)
class Day:
    day: date
    orders: int
    units: int
    revenue: int


@dataclass(frozen=True)
class ProductSales:
    title: str
    units: int
    revenue: int


@dataclass(frozen=True)
class ProductViews:
    title: str
    views: int


@dataclass(frozen=True)
class SalesFigures:
    period: int
    first_day: date
    last_day: date
    days: list
    top_products: list
    most_viewed: list

    @property
    def revenue(self):
        return sum(day.revenue for day in self.days)

    @property
    def orders(self):
        return sum(day.orders for day in self.days)

    @property
    def units(self):
        return sum(day.units for day in self.days)


def period_start(period, today):
    """The first moment of the period: midnight (local time) ``period - 1`` days before today."""
    first_day = today - timedelta(days=period - 1)
    return first_day, timezone.make_aware(datetime.combine(first_day, time.min))


def sales_figures(storefront, period=DEFAULT_PERIOD, today=None, top=TOP_PRODUCTS):
    """The stall's figures for the ``period`` days that end today (in the site's time zone), with its ``top`` best
    sellers (every product sold when None)."""
    today = today or timezone.localdate()
    first_day, start = period_start(period, today)
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    if storefront.partner_id is None:  # a stall that never opened has sold nothing
        days = [Day(first_day + timedelta(days=n), 0, 0, 0) for n in range(period)]
        return SalesFigures(period, first_day, today, days, [], [])
    stall_orders = StallOrder.objects.filter(
        storefront=storefront, order__date_placed__gte=start, order__date_placed__lt=end
    ).exclude(status=StallOrder.Status.CANCELLED)
    lines = own_lines(storefront, start, end)
    return SalesFigures(
        period=period,
        first_day=first_day,
        last_day=today,
        days=daily(stall_orders, lines, first_day, period),
        top_products=top_products(lines, top),
        most_viewed=most_viewed(storefront),
    )


def own_lines(storefront, start, end):
    """The stall's own order lines in the period, from its stall orders that are not cancelled (both conditions in
    one filter() call, so they hold for the same stall order)."""
    kept = [status for status in StallOrder.Status.values if status != StallOrder.Status.CANCELLED]
    return Line.objects.filter(
        order__stall_orders__storefront=storefront,
        order__stall_orders__status__in=kept,
        partner_id=storefront.partner_id,
        order__date_placed__gte=start,
        order__date_placed__lt=end,
    )


def by_local_day(queryset):
    day = TruncDate("order__date_placed", tzinfo=timezone.get_current_timezone())
    return queryset.annotate(day=day).values("day").order_by("day")


def daily(stall_orders, lines, first_day, period):
    """Every day of the period, with what the stall sold that day (zero on a day without orders)."""
    sold = {
        row["day"]: row for row in by_local_day(stall_orders).annotate(count=Count("pk"), revenue=Sum("items_total"))
    }
    units = dict(by_local_day(lines).annotate(units=Sum("quantity")).values_list("day", "units"))
    days = []
    for offset in range(period):
        day = first_day + timedelta(days=offset)
        row = sold.get(day, {})
        days.append(Day(day, row.get("count", 0), int(units.get(day) or 0), int(row.get("revenue") or 0)))
    return days


def top_products(lines, limit):
    """The stall's best sellers of the period by revenue (the title as the buyer's order recorded it)."""
    rows = (
        lines.values("product_id", "title")
        .order_by()
        .annotate(units=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
        .order_by("-revenue", "-units", "title")
    )
    if limit is not None:
        rows = rows[:limit]
    return [ProductSales(row["title"], int(row["units"] or 0), int(row["revenue"] or 0)) for row in rows]


def most_viewed(storefront):
    """The stall's most viewed products since they were listed (Oscar's analytics keeps no dates)."""
    records = (
        ProductRecord.objects.filter(product__storefront=storefront, num_views__gt=0)
        .select_related("product")
        .order_by("-num_views", "product_id")[:TOP_PRODUCTS]
    )
    return [ProductViews(record.product.title_vi or record.product.title, record.num_views) for record in records]
