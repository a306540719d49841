"""The import templates to download: a CSV (header keys and one example row) and an Excel workbook that also lists
the valid categories and provinces and explains each column."""

import csv
import io

import openpyxl
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Font
from oscar.core.loading import get_model

from catalog.seller_forms import grouped
from catalog.spreadsheet_import.columns import COLUMNS
from catalog.spreadsheet_import.reading import MAX_ROWS
from storefronts.models import Province

Category = get_model("catalogue", "Category")


def example_row():
    """The template's example row, naming a real leaf category when there is one."""
    leaf = Category.objects.browsable().filter(numchild=0).order_by("path").first()
    return [leaf.slug if leaf and column.key == "danh_muc" else column.example for column in COLUMNS]


def template_csv():
    """The CSV template: UTF-8 with a BOM (so Excel shows Vietnamese), the header keys and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.key for column in COLUMNS])
    writer.writerow(example_row())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx():
    """The Excel template: the products sheet (header keys, one example row), "Danh mục" (valid categories and
    provinces) and "Hướng dẫn" (what each column means)."""
    workbook = openpyxl.Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = str(_("Sản phẩm"))
    sheet.append([column.key for column in COLUMNS])
    sheet.append([int(value) if value.isdigit() else value for value in example_row()])
    for cell in sheet[1]:
        cell.font = bold
        sheet.column_dimensions[cell.column_letter].width = 24
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet("Danh mục")
    lists.append([str(_("Danh mục")), str(_("Mã")), "", str(_("Tỉnh / thành phố"))])
    leaves = list(Category.objects.browsable().filter(numchild=0).order_by("path"))
    provinces = list(Province.objects.order_by("name_vi"))
    for index in range(max(len(leaves), len(provinces))):
        category = leaves[index] if index < len(leaves) else None
        province = provinces[index] if index < len(provinces) else None
        lists.append(
            [
                (category.name_vi or category.name) if category else None,
                category.slug if category else None,
                None,
                (province.name_vi or province.name) if province else None,
            ]
        )
    for letter, width in (("A", 36), ("B", 28), ("C", 4), ("D", 28)):
        lists.column_dimensions[letter].width = width
    for cell in lists[1]:
        cell.font = bold

    guide = workbook.create_sheet(str(_("Hướng dẫn")))
    guide.append([str(_("Cột")), str(_("Nội dung")), str(_("Bắt buộc")), str(_("Ghi chú"))])
    for column in COLUMNS:
        required = _("Có") if column.required else _("Không")
        limit = _("Tối đa %(max)s ký tự.") % {"max": column.max_length} if column.max_length else ""
        guide.append([column.key, str(column.label), str(required), f"{column.note} {limit}".strip()])
    guide.append([])
    for line in guide_lines():
        guide.append([str(line)])
    for letter, width in (("A", 20), ("B", 32), ("C", 10), ("D", 70)):
        guide.column_dimensions[letter].width = width
    for cell in guide[1]:
        cell.font = bold

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def guide_lines():
    return (
        _("Dòng 1 giữ nguyên tên cột (ten_san_pham, danh_muc, ...); mỗi dòng sau là một sản phẩm."),
        _("Có thể bỏ các cột không bắt buộc; không thêm cột nào khác."),
        _("Tối đa %(max)s dòng sản phẩm và 5 MB mỗi tệp. Sản phẩm được tạo ở dạng nháp.") % {"max": grouped(MAX_ROWS)},
        _("Nếu có dòng nào sai, không sản phẩm nào được tạo: sửa các lỗi được liệt kê rồi tải lên lại."),
    )
