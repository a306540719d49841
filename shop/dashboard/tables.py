"""The overview's figures as tables: the page shows them under its charts and staff download each one as CSV or XLSX
(shop.spreadsheet_export), so the page and the files always hold the same rows.

Cells hold plain values: whole numbers for counts and money (đồng), dates as dates, the rest as text; the page
formats them by their column's ``kind``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, number, money (đồng) or date


@dataclass(frozen=True)
class Table:
    key: str  # in the export's address and file name
    title: str
    columns: list
    rows: list

    def header(self):
        return [column.label for column in self.columns]

    def cells(self):
        """Each row with each cell beside its column, for the template."""
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]


def month_label(day):
    return f"{day.month:02d}/{day.year}"


def overview_tables(overview):
    """Every table of the overview, in the page's order."""
    tables = [
        Table(
            "stalls-by-status",
            _("Gian hàng theo trạng thái"),
            [Column(_("Trạng thái")), Column(_("Số gian hàng"), "number")],
            [(label, count) for _value, label, count in overview.stalls_by_status],
        ),
        Table(
            "provinces",
            _("Gian hàng, đơn hàng và doanh thu theo tỉnh, thành phố"),
            [
                Column(_("Tỉnh / thành phố")),
                Column(_("Gian hàng đã duyệt"), "number"),
                Column(_("Tất cả gian hàng"), "number"),
                Column(_("Số đơn"), "number"),
                Column(_("Doanh thu (đồng)"), "money"),
            ],
            [(row.name, row.approved_stalls, row.stalls, row.orders, row.sales) for row in overview.provinces],
        ),
        Table(
            "months",
            _("Đơn hàng và doanh thu theo tháng"),
            [Column(_("Tháng")), Column(_("Số đơn"), "number"), Column(_("Doanh thu (đồng)"), "money")],
            [(month_label(month.first_day), month.orders, month.sales) for month in overview.months],
        ),
        Table(
            "top-stalls",
            _("Gian hàng bán nhiều nhất"),
            [
                Column(_("Gian hàng")),
                Column(_("Tỉnh / thành phố")),
                Column(_("Số đơn"), "number"),
                Column(_("Doanh thu (đồng)"), "money"),
            ],
            [(row.name, row.province, row.orders, row.sales) for row in overview.top_stalls],
        ),
        Table(
            "ocop-stars",
            _("Sản phẩm OCOP theo hạng sao"),
            [
                Column(_("Hạng sao")),
                Column(_("Sản phẩm"), "number"),
                Column(_("Giấy chứng nhận còn hiệu lực"), "number"),
            ],
            [(_("%(stars)s sao") % {"stars": row.stars}, row.products, row.certificates) for row in overview.stars],
        ),
        Table(
            "ocop-expiring",
            _("Giấy chứng nhận OCOP sắp hết hạn"),
            [Column(_("Hết hạn")), Column(_("Số giấy chứng nhận"), "number")],
            [(_("trong %(days)s ngày tới") % {"days": days}, count) for days, count in overview.expiring_counts],
        ),
        Table(
            "ocop-expiring-list",
            _("Giấy chứng nhận hết hạn trong 90 ngày tới"),
            [
                Column(_("Gian hàng")),
                Column(_("Số giấy chứng nhận")),
                Column(_("Hạng sao"), "number"),
                Column(_("Ngày hết hạn"), "date"),
                Column(_("Còn (ngày)"), "number"),
            ],
            [(row.stall, row.number, row.stars, row.expiry_date, row.days_left) for row in overview.expiring],
        ),
    ]
    return {table.key: table for table in tables}
