"""The import itself: ``start_import`` judges an upload in the request and records a pending ProductImport;
``run_import`` (the Celery task) checks every row, then creates every product as a draft in one transaction, or
none with every row error listed."""

import logging
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.receivers import refresh_materialized_view
from oscar.core.loading import get_model

from catalog.imports import ProductImport
from catalog.products import descriptions, queries, services, stock_records
from catalog.spreadsheet_import.columns import COLUMNS
from catalog.spreadsheet_import.reading import (
    MAX_FILE_SIZE,
    MAX_ROWS,
    claimed_kind,
    count_rows,
    data_rows,
    header_positions,
    open_rows,
    too_many_rows_message,
)
from catalog.spreadsheet_import.rows import Lookups, check_row
from storefronts.application import slug_from

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
Status = ProductImport.Status

PROGRESS_EVERY = 50


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
