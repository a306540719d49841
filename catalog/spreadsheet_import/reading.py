"""Reading an uploaded spreadsheet: its kind (XLSX or CSV, judged by content), its rows as cells, its header row
matched against the template's column keys, and the number of data rows (refused past MAX_ROWS)."""

import csv
import io
import unicodedata
import zipfile
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import PurePath

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalog.seller_forms import grouped
from catalog.spreadsheet_import.columns import COLUMN_BY_KEY, COLUMNS

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_SIZE = 100 * 1024 * 1024  # an .xlsx is a zip: refuse one that would unpack into a memory bomb
MAX_ROWS = 2000
XLSX, CSV = "xlsx", "csv"
DELIMITERS = (",", ";", "\t")  # Excel writes ";" where the list separator is ","


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
