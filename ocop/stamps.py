"""Traceability stamps (tem truy xuất nguồn gốc): a stall's production batches, their stamps' serials, the printable
sheet of QR codes and the public check a buyer makes by scanning one.

A stamp is only as good as its serial: unguessable (ocop.serials) and checked on our own site. Each check is counted,
so a buyer learns when the stamp in their hand was scanned before (a copied stamp is scanned by every buyer of a
copy). How many stamps a batch may have is bounded by what it holds: ten per unit at most, enough for reprints and
for stamps on boxes and crates, too few to stamp a forged production with one real lot.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from math import ceil
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

from ocop import serials
from ocop.models import Batch, OcopCertificate, Stamp
from shop.locking import lock_one, lock_rows
from shop.service_errors import ServiceError

Product = get_model("catalogue", "Product")

MAX_STAMPS_PER_REQUEST = 10_000
STAMPS_PER_UNIT = 10
LOOKUP_CHUNK = 900  # serials per "already taken?" query, below SQLite's oldest limit of 999 variables
INSERT_CHUNK = 1000
INSERT_ATTEMPTS = 3

LOT_CODE_TAKEN = _("Sản phẩm này đã có lô mang mã “%(lot_code)s”. Mỗi lô của một sản phẩm cần một mã riêng.")
QUANTITY_TOO_SMALL = _("Số lượng của lô phải lớn hơn 0.")


class StampErrorCode(StrEnum):
    # Batches (ValidationError codes, per field)
    FUTURE_PRODUCTION_DATE = "future_production_date"
    QUANTITY_TOO_SMALL = "quantity_too_small"
    LOT_CODE_TAKEN = "lot_code_taken"  # the product already has a batch with this lot code, in any letter case
    # Stamps (StampsRefused)
    COUNT_TOO_SMALL = "count_too_small"
    TOO_MANY_AT_ONCE = "too_many_at_once"  # more than MAX_STAMPS_PER_REQUEST in one request
    OVER_ALLOWANCE = "over_allowance"  # the batch would have more than STAMPS_PER_UNIT stamps per unit


class StampsRefused(ServiceError):
    """A request for stamps that the rules refuse; ``message`` says why, in words a member understands, and
    ``code`` (a StampErrorCode) which rule it was."""


# --- Batches -----------------------------------------------------------------------------------------------------------


def batch_errors(batch, today):
    """The rules of a batch the model does not check itself: {field: ValidationError with its code}."""
    errors = {}
    if batch.production_date and batch.production_date > today:
        errors["production_date"] = ValidationError(
            _("Ngày sản xuất không thể ở tương lai."), code=StampErrorCode.FUTURE_PRODUCTION_DATE
        )
    if batch.quantity is not None and batch.quantity < 1:
        errors["quantity"] = ValidationError(QUANTITY_TOO_SMALL, code=StampErrorCode.QUANTITY_TOO_SMALL)
    if batch.product_id and batch.lot_code:
        taken = Batch.objects.filter(product_id=batch.product_id, lot_code__iexact=batch.lot_code)
        if taken.exclude(pk=batch.pk).exists():
            errors["lot_code"] = lot_code_taken(batch)
    return errors


def lot_code_taken(batch):
    return ValidationError(LOT_CODE_TAKEN % {"lot_code": batch.lot_code}, code=StampErrorCode.LOT_CODE_TAKEN)


def create_batch(product, *, lot_code, production_date, quantity, expiry_date=None, origin_area="", notes=""):
    """Record a production batch of ``product``; ValidationError ({field: [messages]}) when a rule is broken.

    A lot code is unique per product whatever its letter case ("L01" and "l01" are one lot on a label).
    """
    batch = Batch(
        product=product,
        lot_code=" ".join(lot_code.split()),
        production_date=production_date,
        expiry_date=expiry_date,
        origin_area=origin_area.strip(),
        quantity=quantity,
        notes=notes.strip(),
    )
    errors = {}
    try:
        batch.full_clean(validate_constraints=False)
    except ValidationError as invalid:
        errors = dict(invalid.error_dict)
    for name, error in batch_errors(batch, timezone.localdate()).items():
        errors.setdefault(name, []).append(error)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            batch.save()
    except IntegrityError:  # the same lot code was recorded meanwhile
        raise ValidationError({"lot_code": [lot_code_taken(batch)]}) from None
    return batch


def stamp_allowance(batch):
    """How many stamps the batch may have in all."""
    return STAMPS_PER_UNIT * batch.quantity


# --- Generating stamps -------------------------------------------------------------------------------------------------


def chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fresh_serials(count):
    """``count`` new serials, distinct from each other and from every stamp already recorded."""
    found = set()
    while len(found) < count:
        candidates = {serials.new_serial() for _ in range(count - len(found))} - found
        for chunk in chunks(candidates, LOOKUP_CHUNK):
            candidates.difference_update(Stamp.objects.filter(serial__in=chunk).values_list("serial", flat=True))
        found |= candidates
    return sorted(found)


def generate_stamps(batch, count):
    """Make ``count`` new stamps for ``batch`` and return their serials; StampsRefused when the rules say no.

    Generations for one batch take turns (the batch row is locked where the database can), so two clicks cannot
    together pass the batch's allowance.
    """
    if count < 1:
        raise StampsRefused(_("Số tem cần tạo phải từ 1 trở lên."), StampErrorCode.COUNT_TOO_SMALL)
    if count > MAX_STAMPS_PER_REQUEST:
        raise StampsRefused(
            _("Mỗi lần tạo được tối đa %(max)s tem. Hãy tạo nhiều lần nếu lô cần nhiều tem hơn.")
            % {"max": grouped(MAX_STAMPS_PER_REQUEST)},
            StampErrorCode.TOO_MANY_AT_ONCE,
        )
    with transaction.atomic():
        batch = lock_one(Batch, batch.pk)
        existing = Stamp.objects.filter(batch=batch).count()
        allowance = stamp_allowance(batch)
        if existing + count > allowance:
            raise StampsRefused(
                _(
                    "Lô có %(quantity)s sản phẩm nên được tối đa %(allowance)s tem (%(per_unit)s tem cho mỗi sản "
                    "phẩm); lô đã có %(existing)s tem, chỉ tạo thêm được %(left)s tem."
                )
                % {
                    "quantity": grouped(batch.quantity),
                    "allowance": grouped(allowance),
                    "per_unit": STAMPS_PER_UNIT,
                    "existing": grouped(existing),
                    "left": grouped(allowance - existing),
                },
                StampErrorCode.OVER_ALLOWANCE,
            )
        return insert_stamps(batch, count)


def insert_stamps(batch, count):
    """Insert ``count`` stamps with fresh serials. A serial taken by another batch between our check and our insert
    is astronomically unlikely; should it happen, the insert is undone and tried again with new serials."""
    attempts_left = INSERT_ATTEMPTS
    while True:
        new = fresh_serials(count)
        try:
            with transaction.atomic():
                Stamp.objects.bulk_create([Stamp(batch=batch, serial=serial) for serial in new], INSERT_CHUNK)
            return new
        except IntegrityError:
            attempts_left -= 1
            if not attempts_left:
                raise


def grouped(number):
    """10000 → "10.000", as Vietnamese writes thousands (and as prices are written across the site)."""
    return f"{number:,}".replace(",", ".")


# --- The public check --------------------------------------------------------------------------------------------------


@dataclass
class StampCheck:
    """What a buyer learns from one check. A stamp that is not ours (mistyped, forged) has ``stamp`` None."""

    stamp: Stamp | None = None
    previous_checks: int = 0  # checks before this one
    first_checked_at: datetime | None = None
    product_on_sale: bool = False
    certificates: list = field(default_factory=list)

    @property
    def genuine(self):
        return self.stamp is not None

    @property
    def first_time(self):
        return self.genuine and self.previous_checks == 0

    @property
    def serial_display(self):
        return serials.display(self.stamp.serial)

    @property
    def batch(self):
        return self.stamp.batch

    @property
    def product(self):
        return self.stamp.batch.product


def record_check(serial, now):
    """Count one check of the stamp (locked, so concurrent checks each see their own count); the stamp as it was
    before this check, or None for an unknown serial."""
    with transaction.atomic():
        found = lock_rows(
            Stamp.objects.select_related("batch__product__storefront__cooperative", "batch__product__parent").filter(
                serial=serial
            ),
            of=("self",),
        )
        stamp = found[0] if found else None
        if stamp is not None:
            Stamp.objects.filter(pk=stamp.pk).update(
                check_count=F("check_count") + 1, first_checked_at=Coalesce(F("first_checked_at"), Value(now))
            )
    return stamp


def check_stamp(typed, now=None):
    """A buyer checks the serial printed on (or scanned from) a stamp.

    A serial that cannot be one of ours (wrong length or symbols, or a check character that does not match: a typo
    or a forger's guess) is refused without touching the database. A real stamp's check is counted; the result
    carries what the buyer needs: the product, its batch and stall, and its OCOP certificates valid today.
    """
    now = now or timezone.now()
    serial = serials.normalize(typed)
    if not serials.is_well_formed(serial):
        return StampCheck()
    stamp = record_check(serial, now)
    if stamp is None:
        return StampCheck()
    product = stamp.batch.product
    certified = product.parent if product.is_child else product
    certificates = (
        OcopCertificate.objects.valid(timezone.localdate(now))
        .filter(products=certified)
        .select_related("issuing_province")
        .order_by("-stars", "-expiry_date")
    )
    return StampCheck(
        stamp=stamp,
        previous_checks=stamp.check_count,
        first_checked_at=stamp.first_checked_at or now,
        product_on_sale=Product.objects.browsable().filter(pk=certified.pk).exists(),
        certificates=list(certificates),
    )


def verify_url(serial):
    """The absolute address a stamp's QR code opens, in the active language (the language of the member printing)."""
    return settings.SITE_URL.rstrip("/") + reverse("ocop:verify", kwargs={"serial": serial})


# --- The printable sheet -----------------------------------------------------------------------------------------------

PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
COLUMNS, ROWS = 5, 8
STAMPS_PER_SHEET = COLUMNS * ROWS
MARGIN, HEADER_HEIGHT = 40, 50
QUIET_ZONE = 4  # modules of white around a QR code, as the standard asks
SERIAL_FONT_SIZE, HEADER_FONT_SIZE = 22, 20
FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
CUT_LINE_GREY = 215


@lru_cache
def font(name, size):
    """A DejaVu font (it has every Vietnamese letter), or Pillow's own when the system has no DejaVu."""
    try:
        return ImageFont.truetype(str(FONT_FOLDER / name), size)
    except OSError:
        return ImageFont.load_default(size)


def sheet_count(batch):
    """How many sheets the batch's stamps fill (at least one, blank when it has none)."""
    return max(1, ceil(batch.stamps.count() / STAMPS_PER_SHEET))


def qr_image(url, max_width, max_height):
    """The URL as a QR code (error correction M), scaled to whole pixels per module to fit the box."""
    code = segno.make(url, error="m", boost_error=False)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    scale = max(1, min(max_width // modules, max_height // modules))
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def fit_text(draw, text, typeface, width):
    """``text`` cut short with an ellipsis so that it fits ``width`` pixels."""
    if draw.textlength(text, font=typeface) <= width:
        return text
    while text and draw.textlength(text + "…", font=typeface) > width:
        text = text[:-1]
    return text + "…"


def render_sheet(batch, page):
    """Page ``page`` (from 1) of the batch's stamps as a PNG: an A4 sheet of QR codes, each with its serial printed
    under it and light cut lines around it, headed by the product, the lot and the page number."""
    pages = sheet_count(batch)
    stamps = batch.stamps.order_by("pk")[(page - 1) * STAMPS_PER_SHEET : page * STAMPS_PER_SHEET]
    sheet = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(sheet)
    width, height = PAGE_SIZE
    header = gettext("%(product)s – lô %(lot)s – trang %(page)s/%(pages)s") % {
        "product": batch.product.get_title(),
        "lot": batch.lot_code,
        "page": page,
        "pages": pages,
    }
    header_font = font("DejaVuSans.ttf", HEADER_FONT_SIZE)
    draw.text((MARGIN, MARGIN // 2), fit_text(draw, header, header_font, width - 2 * MARGIN), font=header_font, fill=0)

    top = MARGIN + HEADER_HEIGHT
    cell_width = (width - 2 * MARGIN) // COLUMNS
    cell_height = (height - top - MARGIN) // ROWS
    serial_font = font("DejaVuSansMono-Bold.ttf", SERIAL_FONT_SIZE)
    text_height = SERIAL_FONT_SIZE + 8
    for index, stamp in enumerate(stamps):
        left = MARGIN + (index % COLUMNS) * cell_width
        upper = top + (index // COLUMNS) * cell_height
        draw.rectangle((left, upper, left + cell_width, upper + cell_height), outline=CUT_LINE_GREY)
        code = qr_image(verify_url(stamp.serial), cell_width - 8, cell_height - text_height - 8)
        code_left = left + (cell_width - code.width) // 2
        code_top = upper + (cell_height - text_height - code.height) // 2
        sheet.paste(code, (code_left, code_top))
        draw.text(
            (left + cell_width // 2, code_top + code.height + text_height // 2 - 4),
            serials.display(stamp.serial),
            font=serial_font,
            fill=0,
            anchor="mm",
        )
    output = io.BytesIO()
    sheet.save(output, format="PNG", dpi=(150, 150))
    return output.getvalue()
