"""A member's sales figures under /<lang>/my-stall/figures/: revenue, orders and units of the last 7, 30 or 90 days
as charts drawn on the server with the same numbers in tables, the best sellers and the most viewed products, and
the same figures as a CSV file.

No URL names a stall: the figures are always the signed-in member's own stall's share (storefronts.sales_figures);
someone without a stall gets the stall access page (403).
"""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from oscar.templatetags.currency_filters import currency

from shop import spreadsheet_export
from storefronts import sales_figures
from storefronts.access import StallMemberRequiredMixin
from themes import svg_charts


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(str(period), str(period)) for period in sales_figures.PERIODS],
        coerce=int,
        required=False,
        empty_value=sales_figures.DEFAULT_PERIOD,
    )

    def period(self):
        return self.cleaned_data["days"] if self.is_valid() else sales_figures.DEFAULT_PERIOD


class FiguresMixin(StallMemberRequiredMixin):
    stall_access = "any"

    def figures(self, **options):
        """The figures of the period asked for, and the form (invalid when the address named another period)."""
        form = PeriodForm(self.request.GET)
        return sales_figures.sales_figures(self.storefront, form.period(), **options), form


def vnd(amount):
    return currency(amount, "VND")


def short_date(day):
    return date_format(day, "d/m")


class SalesFiguresView(FiguresMixin, View):
    def get(self, request):
        figures, form = self.figures()
        revenue_chart = svg_charts.column_chart(
            [(short_date(day.day), day.revenue, f"{short_date(day.day)}: {vnd(day.revenue)}") for day in figures.days]
        )
        orders_chart = svg_charts.column_chart(
            [(short_date(day.day), day.orders, f"{short_date(day.day)}: {day.orders}") for day in figures.days]
        )
        top_chart = svg_charts.bar_list([(row.title, row.revenue, vnd(row.revenue)) for row in figures.top_products])
        views_chart = svg_charts.bar_list([(row.title, row.views, str(row.views)) for row in figures.most_viewed])
        context = {
            "storefront": self.storefront,
            "figures": figures,
            "periods": sales_figures.PERIODS,
            "period_refused": form.is_bound and not form.is_valid(),
            "revenue_chart": revenue_chart,
            "orders_chart": orders_chart,
            "top_chart": top_chart,
            "views_chart": views_chart,
        }
        status = 400 if context["period_refused"] else 200
        response = render(request, "storefronts/figures/figures.html", context, status=status)
        patch_cache_control(response, private=True, no_store=True)
        return response


class SalesFiguresExportView(FiguresMixin, View):
    """The figures of the period as CSV (UTF-8 with a byte order mark, so that Excel reads Vietnamese), with every
    product sold."""

    def get(self, request):
        figures, form = self.figures(top=None)
        if form.is_bound and not form.is_valid():
            return HttpResponse(_("Khoảng thời gian không hợp lệ: chọn 7, 30 hoặc 90 ngày."), status=400)
        name = f"doanh-so-{self.storefront.slug}-{figures.first_day:%Y%m%d}-{figures.last_day:%Y%m%d}.csv"
        rows = export_rows(self.storefront, figures)
        response = spreadsheet_export.csv_response(name, next(rows), rows)
        patch_cache_control(response, private=True, no_store=True)
        return response


def export_rows(storefront, figures):
    yield [_("Gian hàng"), storefront.name]
    yield [_("Từ ngày"), figures.first_day.isoformat(), _("Đến ngày"), figures.last_day.isoformat()]
    yield []
    yield [_("Ngày"), _("Số đơn"), _("Số đơn vị"), _("Doanh thu (đồng)")]
    for day in figures.days:
        yield [day.day.isoformat(), day.orders, day.units, day.revenue]
    yield [_("Tổng cộng"), figures.orders, figures.units, figures.revenue]
    yield []
    yield [_("Sản phẩm đã bán"), _("Số đơn vị"), _("Doanh thu (đồng)")]
    for row in figures.top_products:
        yield [row.title, row.units, row.revenue]
    yield []
    yield [_("Sản phẩm được xem nhiều (từ khi đăng bán)"), _("Lượt xem")]
    for row in figures.most_viewed:
        yield [row.title, row.views]
