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

The package's parts: ``columns`` (the template's columns), ``reading`` (reading an upload: kind, header, rows),
``rows`` (checking one row), ``service`` (``start_import`` and ``run_import``) and ``template`` (the workbooks to
download). Callers use the names imported here.
"""

from catalog.spreadsheet_import.columns import COLUMNS
from catalog.spreadsheet_import.reading import MAX_ROWS
from catalog.spreadsheet_import.service import run_import, start_import
from catalog.spreadsheet_import.template import template_csv, template_xlsx

__all__ = ["COLUMNS", "MAX_ROWS", "run_import", "start_import", "template_csv", "template_xlsx"]
