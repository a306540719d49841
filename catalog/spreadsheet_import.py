"""Bulk import of a stall's products from a spreadsheet (Excel .xlsx or CSV), all or nothing.

The header scheme (one scheme only): row 1 holds the column KEYS of the template — ``ten_san_pham``, ``danh_muc``,
``gia``, ``ton_kho``, ``don_vi``, ``khoi_luong_tinh``, ``tinh_xuat_xu``, ``vung_nguyen_lieu``, ``thanh_phan``,
``han_su_dung``, ``bao_quan``, ``mo_ta`` — matched exactly after trimming and lower-casing. Their human-readable
Vietnamese labels are explained on the template's "Hướng dẫn" sheet and on the import page; they are not headers.
The four required columns must be present, optional ones may be left out, any other header is refused; a column
with an empty header is ignored. Rows are numbered as the spreadsheet numbers them (the header is row 1) and blank
rows are skipped.

Two steps:

1. In the request, ``start_import`` judges the upload by its content (XLSX: a zip holding ``[Content_Types].xml``;
   CSV: UTF-8 text, with or without BOM), its size (≤ 5 MB), its header and its number of data rows (reading stops
   at the 2,001st, so a huge file is refused at once). A refusal stores nothing. An accepted file is kept on the
   private storage and recorded as a pending ProductImport.
2. ``run_import`` (the Celery task ``catalog.tasks.run_product_import``) checks every row before writing anything,
   saving ``processed_rows`` every 50 rows in its own autocommitted UPDATE so the status page sees it move. Any error
   fails the whole import with every row error listed; otherwise all products are created in one transaction, as
   drafts of the stall, with bulk inserts that follow the member form's rules (catalog.products): the cooperative
   goods class, one category, the stock record its one builder makes (catalog.products.stock_records), the
   description stored as escaped paragraphs.
"""

import csv
import io
import logging
import unicodedata
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Font
from oscar.apps.catalogue.receivers import refresh_materialized_view
from oscar.core.loading import get_model

from catalog.imports import ProductImport
from catalog.products import descriptions, queries, services, stock_records
from catalog.seller_forms import grouped, price_field, stock_field
from shop.visible_text import NO_LETTER, clean_user_text, has_letter_or_digit
from storefronts.application import slug_from
from storefronts.models import Province

logger = logging.getLogger(__name__)

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
Status = ProductImport.Status

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_SIZE = 100 * 1024 * 1024  # an .xlsx is a zip: refuse one that would unpack into a memory bomb
MAX_ROWS = 2000
PROGRESS_EVERY = 50
XLSX, CSV = "xlsx", "csv"
DELIMITERS = (",", ";", "\t")  # Excel writes ";" where the list separator is ","


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    max_length: int | None = None
    field: str | None = None  # the Product field a plain text column fills
    example: str = ""
    note: str = ""


COLUMNS = (
    Column("ten_san_pham", _("Tên sản phẩm"), True, 255, example="Mật ong rừng tràm U Minh Hạ"),
    Column(
        "danh_muc",
        _("Danh mục"),
        True,
        example="mat-ong",
        note=_("Tên hoặc mã của một danh mục không còn danh mục con (xem trang “Danh mục”)."),
    ),
    Column("gia", _("Giá bán (đồng)"), True, example="185000", note=_("Số đồng chẵn, ví dụ 185000 hoặc 185.000.")),
    Column("ton_kho", _("Số lượng tồn kho"), True, example="20", note=_("Số nguyên; 0 nếu đã hết hàng.")),
    Column("don_vi", _("Đơn vị / quy cách"), max_length=64, field="unit", example="Hũ 500 ml"),
    Column("khoi_luong_tinh", _("Khối lượng / thể tích tịnh"), max_length=32, field="net_quantity", example="500 ml"),
    Column(
        "tinh_xuat_xu",
        _("Xuất xứ (tỉnh / thành phố)"),
        example="Cà Mau",
        note=_("Một trong 34 tỉnh, thành phố (xem trang “Danh mục”)."),
    ),
    Column(
        "vung_nguyen_lieu",
        _("Vùng nguyên liệu"),
        max_length=200,
        field="origin_area",
        example="Rừng tràm U Minh Hạ, xã Khánh An",
    ),
    Column("thanh_phan", _("Thành phần"), max_length=2000, field="ingredients", example="Mật ong nguyên chất 100%"),
    Column("han_su_dung", _("Hạn sử dụng"), max_length=100, field="shelf_life", example="24 tháng kể từ ngày sản xuất"),
    Column(
        "bao_quan",
        _("Hướng dẫn bảo quản"),
        max_length=2000,
        field="storage_instructions",
        example="Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp",
    ),
    Column(
        "mo_ta",
        _("Mô tả sản phẩm"),
        max_length=5000,
        example="Mật ong khai thác từ rừng tràm, không pha trộn.",
        note=_("Chữ thường; mã HTML sẽ hiện nguyên văn."),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


def fold(text):
    """Text compared the way a reader would: NFC, single spaces, case-insensitive."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


# --- Reading a file ---------------------------------------------------------------------------------------------------


def claimed_kind(name, data):
    """XLSX or CSV as the file's extension says, once its content confirms it; else a ValidationError."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix == ".xlsx":
        if not is_xlsx(data):
            raise ValidationError(
                _(
                    "Tệp “%(name)s” mang đuôi .xlsx nhưng nội dung không phải bảng tính Excel. Hãy mở tệp bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)”."
                )
                % {"name": name},
                code="not_xlsx",
            )
        return XLSX
    if suffix == ".csv":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _(
                    "Tệp CSV phải được lưu với bảng mã UTF-8 để giữ đúng chữ tiếng Việt. Trong Excel, chọn “Lưu thành” rồi chọn kiểu “CSV UTF-8 (phân cách bằng dấu phẩy)”."
                ),
                code="not_utf8",
            ) from None
        return CSV
    raise ValidationError(
        _("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv). Tệp .xls hoặc .ods: hãy mở ra và lưu lại dưới dạng .xlsx."),
        code="extension",
    )


def is_xlsx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return False
    if sum(info.file_size for info in infos) > MAX_UNPACKED_SIZE:
        return False
    return any(info.filename == "[Content_Types].xml" for info in infos)


def guess_delimiter(text):
    first_line = text.split("\n", 1)[0]
    return max(DELIMITERS, key=first_line.count)


@contextmanager
def open_rows(kind, data):
    """(row number, cells) of the first sheet, from row 1; cells are openpyxl values or CSV strings."""
    if kind == XLSX:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            yield enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
        finally:
            workbook.close()
    else:
        text = data.decode("utf-8-sig")
        yield enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text)), start=1)


def cell_text(value):
    """A cell as text: numbers as written (185000.0 → "185000"), dates as dd/mm/yyyy, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def is_blank(cells):
    return all(cell_text(cell) == "" for cell in cells)


def header_positions(cells):
    """{cell index: column key} from row 1, or a ValidationError naming the missing, unknown and repeated columns."""
    positions, unknown, repeated = {}, [], []
    for index, cell in enumerate(cells or ()):
        text = cell_text(cell).lstrip("\ufeff")
        key = text.strip().lower()
        if not key:
            continue
        if key not in COLUMN_BY_KEY:
            unknown.append(text)
        elif key in positions.values():
            repeated.append(key)
        else:
            positions[index] = key
    missing = [column.key for column in COLUMNS if column.required and column.key not in positions.values()]
    if missing or unknown or repeated:
        raise ValidationError(columns_message(missing, unknown, repeated), code="columns")
    return positions


def quoted(names):
    return ", ".join(f"“{name}”" for name in names)


def columns_message(missing, unknown, repeated):
    parts = [_("Dòng 1 của tệp chưa đúng các tên cột của tệp mẫu.")]
    if missing:
        parts.append(_("Thiếu cột: %(columns)s.") % {"columns": quoted(missing)})
    if unknown:
        parts.append(_("Cột không nhận ra: %(columns)s.") % {"columns": quoted(unknown)})
    if repeated:
        parts.append(_("Cột bị lặp: %(columns)s.") % {"columns": quoted(repeated)})
    parts.append(
        _("Các tên cột hợp lệ: %(columns)s. Hãy tải tệp mẫu và giữ nguyên dòng tiêu đề.")
        % {"columns": ", ".join(column.key for column in COLUMNS)}
    )
    return " ".join(str(part) for part in parts)


def data_rows(rows, positions):
    """(row number, {column key: cell}) of every non-blank row after the header."""
    for number, cells in rows:
        if is_blank(cells):
            continue
        yield number, {key: cells[index] if index < len(cells) else None for index, key in positions.items()}


def unreadable_message():
    return _(
        "Không đọc được nội dung tệp. Hãy mở tệp bằng Excel, kiểm tra lại rồi lưu thành .xlsx hoặc CSV UTF-8 và tải lên lại."
    )


def too_many_rows_message():
    return _(
        "Tệp có hơn %(max)s dòng sản phẩm. Mỗi lần chỉ nhập được tối đa %(max)s dòng: hãy chia thành nhiều tệp nhỏ hơn. Chưa có gì được lưu."
    ) % {"max": grouped(MAX_ROWS)}


def count_rows(kind, data):
    """The number of data rows of an upload, checking its header; stops reading past the limit."""
    try:
        with open_rows(kind, data) as rows:
            first = next(rows, None)
            positions = header_positions(first[1] if first else ())
            total = 0
            for _row in data_rows(rows, positions):
                total += 1
                if total > MAX_ROWS:
                    raise ValidationError(too_many_rows_message(), code="too_many_rows")
    except ValidationError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds of errors on damaged files
        raise ValidationError(unreadable_message(), code="unreadable") from error
    if total == 0:
        raise ValidationError(_("Tệp chưa có dòng sản phẩm nào dưới dòng tiêu đề."), code="empty")
    return total


def start_import(storefront, user, upload, language=None):
    """Check an uploaded spreadsheet and record it as a pending import of ``storefront`` whose row errors will be
    written in ``language`` (by default the active one); a ValidationError when it is refused, and nothing stored."""
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("Tệp quá lớn: tối đa 5 MB. Hãy chia bảng tính thành nhiều tệp nhỏ hơn."), code="too_large"
        )
    data = upload.read()
    kind = claimed_kind(upload.name, data)
    total = count_rows(kind, data)
    name = PurePath(upload.name).name[:255]
    product_import = ProductImport(storefront=storefront, user=user, file_name=name, total_rows=total)
    product_import.language = language or translation.get_language() or settings.LANGUAGE_CODE
    product_import.source.save(name, ContentFile(data), save=False)
    product_import.save()
    return product_import


# --- Checking rows ----------------------------------------------------------------------------------------------------


class Lookups:
    """Leaf categories by slug and by Vietnamese name, provinces by name (with or without "Tỉnh" / "Thành phố")."""

    PROVINCE_PREFIXES = ("thành phố ", "tp. ", "tp ", "tỉnh ")

    def __init__(self):
        categories = list(Category.objects.browsable())
        self.leaves = [category for category in categories if category.numchild == 0]
        self.by_slug = {category.slug.casefold(): category for category in self.leaves}
        self.by_name = defaultdict(list)
        for category in self.leaves:
            self.by_name[fold(category.name_vi or category.name)].append(category)
        self.branches = {fold(each.name_vi or each.name) for each in categories if each.numchild} | {
            each.slug.casefold() for each in categories if each.numchild
        }
        self.provinces = {}
        for province in Province.objects.all():
            for text in (province.name_vi or province.name, province.slug):
                self.provinces[self.province_key(text)] = province

    def province_key(self, text):
        text = fold(text)
        for prefix in self.PROVINCE_PREFIXES:
            if text.startswith(prefix):
                return text[len(prefix) :]
        return text

    def province(self, text):
        return self.provinces.get(self.province_key(text))


def check_row(number, cells, lookups):
    """(values, errors) of one data row: values to create a product from, errors as {row, column, message}."""
    errors = []

    def refuse(key, message):
        errors.append({"row": number, "column": key, "message": str(message)})

    text = {key: cell_text(cells.get(key)) for key in COLUMN_BY_KEY}
    for column in COLUMNS:
        length = len(text[column.key])
        if column.max_length and length > column.max_length:
            refuse(
                column.key,
                _("Dài tối đa %(max)s ký tự; ô này có %(length)s ký tự.")
                % {"max": column.max_length, "length": length},
            )
    values = {field: text[column.key] for column in COLUMNS if (field := column.field)}
    values["title"] = " ".join(clean_user_text(text["ten_san_pham"]).split())
    values["description"] = clean_user_text(text["mo_ta"])
    if not values["title"]:
        refuse("ten_san_pham", _("Hãy nhập tên sản phẩm."))
    elif not has_letter_or_digit(values["title"]):
        refuse("ten_san_pham", NO_LETTER)
    values["category"] = check_category(text["danh_muc"], lookups, lambda message: refuse("danh_muc", message))
    for key, name, field in (("gia", "price", price_field), ("ton_kho", "stock", stock_field)):
        try:
            values[name] = field().clean(text[key])
        except ValidationError as refused:
            refuse(key, " ".join(refused.messages))
    values["origin_province"] = None
    if text["tinh_xuat_xu"]:
        values["origin_province"] = lookups.province(text["tinh_xuat_xu"])
        if values["origin_province"] is None:
            refuse(
                "tinh_xuat_xu",
                _(
                    "Không có tỉnh / thành phố “%(value)s”. Hãy ghi một trong 34 tỉnh, thành phố ở trang “Danh mục” của tệp mẫu."
                )
                % {"value": text["tinh_xuat_xu"]},
            )
    return values, errors


def check_category(value, lookups, refuse):
    if not value:
        refuse(_("Hãy nhập danh mục: tên hoặc mã của một danh mục ở trang “Danh mục” của tệp mẫu."))
        return None
    category = lookups.by_slug.get(value.casefold())
    if category is not None:
        return category
    named = lookups.by_name.get(fold(value), [])
    if len(named) == 1:
        return named[0]
    if named:
        refuse(
            _("Có nhiều danh mục cùng tên “%(value)s”: hãy ghi mã danh mục (cột “Mã” ở trang “Danh mục”).")
            % {"value": value}
        )
    elif fold(value) in lookups.branches:
        refuse(_("Danh mục “%(value)s” còn có danh mục con: hãy chọn một danh mục con.") % {"value": value})
    else:
        refuse(
            _("Không có danh mục “%(value)s”. Hãy ghi đúng tên hoặc mã một danh mục ở trang “Danh mục” của tệp mẫu.")
            % {"value": value}
        )
    return None


# --- Running an import ------------------------------------------------------------------------------------------------


def run_import(import_id):
    """Run a pending import once (a second delivery of the task finds it claimed and does nothing)."""
    if not ProductImport.objects.filter(pk=import_id, status=Status.PENDING).update(status=Status.RUNNING):
        return None
    product_import = ProductImport.objects.select_related("storefront__partner").get(pk=import_id)
    with translation.override(product_import.language):
        try:
            import_rows(product_import)
        except Exception:
            logger.exception("Product import %s failed", import_id)
            message = _("Đã có lỗi hệ thống khi nhập tệp; chưa có sản phẩm nào được tạo. Vui lòng thử lại sau.")
            finish(product_import, Status.FAILED, errors=[general_error(message)])
    product_import.refresh_from_db()
    return product_import


def general_error(message):
    return {"row": None, "column": "", "message": str(message)}


def finish(product_import, status, **fields):
    ProductImport.objects.filter(pk=product_import.pk).update(status=status, finished_at=timezone.now(), **fields)


def import_rows(product_import):
    storefront = product_import.storefront
    if not queries.can_prepare(storefront):
        message = _("Gian hàng chưa được duyệt hoặc đang tạm ngừng nên chưa nhập được sản phẩm.")
        return finish(product_import, Status.FAILED, errors=[general_error(message)])
    with product_import.source.open("rb") as handle:
        data = handle.read()
    kind = claimed_kind(product_import.file_name, data)
    good_rows, errors = check_rows(product_import, kind, data)
    if errors:
        return finish(product_import, Status.FAILED, errors=errors, processed_rows=product_import.total_rows)
    created = create_products(storefront, good_rows)
    return finish(product_import, Status.DONE, created_count=created, processed_rows=len(good_rows))


def check_rows(product_import, kind, data):
    """(values of every row, errors of every row); progress saved every PROGRESS_EVERY rows."""
    lookups = Lookups()
    good_rows, errors = [], []
    with open_rows(kind, data) as rows:
        first = next(rows, None)
        positions = header_positions(first[1] if first else ())
        for count, (number, cells) in enumerate(data_rows(rows, positions), start=1):
            if count > MAX_ROWS:
                return [], [general_error(too_many_rows_message())]
            values, row_errors = check_row(number, cells, lookups)
            errors += row_errors
            good_rows.append(values)
            if count % PROGRESS_EVERY == 0:
                ProductImport.objects.filter(pk=product_import.pk).update(processed_rows=count)
    return good_rows, errors


@transaction.atomic
def create_products(storefront, rows):
    """Create one draft product per checked row, with its category and stock record, in one transaction."""
    product_class = services.goods_class()
    partner = stock_records.partner_of(storefront)
    new_products = []
    for values in rows:
        product = Product(
            storefront=storefront,
            product_class=product_class,
            structure=Product.STANDALONE,
            is_public=False,
            slug=slug_from(values["title"])[:200].strip("-") or "san-pham",
            origin_province=values["origin_province"],
            **{column.field: values[column.field] for column in COLUMNS if column.field},
        )
        product.title_vi = values["title"]
        product.description_vi = descriptions.description_html(values["description"])
        new_products.append(product)
    Product.objects.bulk_create(new_products, batch_size=500)
    ProductCategory.objects.bulk_create(
        [
            ProductCategory(product=product, category=values["category"])
            for product, values in zip(new_products, rows, strict=True)
        ],
        batch_size=500,
    )
    StockRecord.objects.bulk_create(
        [
            stock_records.build_stock_record(product, partner, values["price"], values["stock"])
            for product, values in zip(new_products, rows, strict=True)
        ],
        batch_size=500,
    )
    refresh_materialized_view(sender=ProductCategory)  # bulk inserts send no signal; a no-op unless configured
    return len(new_products)


# --- Templates to download --------------------------------------------------------------------------------------------


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
