"""The dashboard's home for the union staff (/dashboard/): the marketplace at a glance over a date range.

Stalls by status and by province (a tile map of the 34 provinces), orders and sales by month and by province, the
stalls that sold most, OCOP products by stars and the certificates about to expire (shop.dashboard.figures). Every
chart is drawn on the server (themes.svg_charts) with its numbers in a table below it, and every table downloads as
CSV or XLSX. Who may open it: shop/dashboard/apps.py (OVERVIEW_PERMISSIONS); others signed in get 403, visitors the
dashboard's sign-in page.
"""

import csv
import re
from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from oscar.templatetags.currency_filters import currency

from shop import spreadsheet_export
from shop.dashboard import figures
from shop.dashboard.forms import DateRangeForm
from shop.dashboard.tables import month_label, overview_tables
from themes import svg_charts

PROVINCE_TILES = Path(__file__).resolve().parent / "province_tiles.csv"
EXPORT_FORMATS = ("csv", "xlsx")


@cache
def province_places():
    """slug → (column, row, short name) on the tile map."""
    with PROVINCE_TILES.open(encoding="utf-8") as rows:
        return {row["slug"]: (int(row["column"]), int(row["row"]), row["label"]) for row in csv.DictReader(rows)}


def vnd(amount):
    return currency(amount, "VND")


def date_range_form(request):
    """The range form, bound only when the address has a day in it (the page's first visit shows the default)."""
    asked = "start" in request.GET or "end" in request.GET
    return DateRangeForm(request.GET if asked else None)


def province_tiles(provinces):
    """The tile map's tiles: each province where the layout places it, with its approved stalls."""
    places = province_places()
    tiles = []
    for row in provinces:
        if row.slug in places:
            column, line, label = places[row.slug]
            title = _("%(province)s: %(count)s gian hàng đã duyệt") % {
                "province": row.name,
                "count": row.approved_stalls,
            }
            tiles.append((column, line, label, row.approved_stalls, str(row.approved_stalls), title))
    return tiles


def charts(overview):
    stalls_map = svg_charts.tile_map(province_tiles(overview.provinces))
    by_sales = sorted((row for row in overview.provinces if row.sales), key=lambda row: -row.sales)[:10]
    return {
        "status_chart": svg_charts.bar_list(
            [(label, count, str(count)) for _value, label, count in overview.stalls_by_status if count]
        ),
        "stalls_map": stalls_map,
        "province_sales_chart": svg_charts.bar_list([(row.name, row.sales, vnd(row.sales)) for row in by_sales]),
        "sales_chart": svg_charts.column_chart(
            [
                (month_label(month.first_day), month.sales, f"{month_label(month.first_day)}: {vnd(month.sales)}")
                for month in overview.months
            ]
        ),
        "orders_chart": svg_charts.column_chart(
            [
                (month_label(month.first_day), month.orders, f"{month_label(month.first_day)}: {month.orders}")
                for month in overview.months
            ]
        ),
        "top_chart": svg_charts.bar_list([(row.name, row.sales, vnd(row.sales)) for row in overview.top_stalls]),
        "stars_chart": svg_charts.bar_list(
            [(_("%(stars)s sao") % {"stars": row.stars}, row.products, str(row.products)) for row in overview.stars]
        ),
    }


class IndexView(View):
    template_name = "dashboard/overview.html"

    def get(self, request):
        form = date_range_form(request)
        first_day, last_day = form.date_range()
        overview = figures.overview(first_day, last_day)
        context = {
            "form": form,
            "overview": overview,
            "tables": {key.replace("-", "_"): table for key, table in overview_tables(overview).items()},
            "range_query": f"start={first_day.isoformat()}&end={last_day.isoformat()}",
            **charts(overview),
        }
        response = render(request, self.template_name, context, status=400 if form.refused else 200)
        patch_cache_control(response, private=True, no_store=True)
        return response


class OverviewExportView(View):
    """One table of the overview, for the same range, as a CSV file or an Excel workbook."""

    def get(self, request, table, file_format):
        if file_format not in EXPORT_FORMATS:
            raise Http404
        form = date_range_form(request)
        if form.refused:
            message = " ".join(str(error) for errors in form.errors.values() for error in errors)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        first_day, last_day = form.date_range()
        tables = overview_tables(figures.overview(first_day, last_day))
        if table not in tables:
            raise Http404
        chosen = tables[table]
        name = f"tong-quan-{table}-{first_day:%Y%m%d}-{last_day:%Y%m%d}.{file_format}"
        if file_format == "csv":
            response = spreadsheet_export.csv_response(name, chosen.header(), chosen.rows)
        else:
            sheet = re.sub(r"[\\/?*\[\]:]", "-", chosen.title)  # characters a sheet's name may not hold
            response = spreadsheet_export.xlsx_response(name, sheet, chosen.header(), chosen.rows)
        patch_cache_control(response, private=True, no_store=True)
        return response
