"""A member's products: saving the simple product form, pictures, variants, and putting a product on sale.

Every function here receives objects the caller has already found within the member's own stall; none of them looks
anything up by an id it was given.

- A product is written in one go (``save_product``): the Product (a draft until published), its one category, its
  stock record (price in whole đồng, stock) and its new pictures.
- Descriptions are plain text typed by members. Oscar prints a product's description with ``|safe``, so the text is
  stored as escaped paragraphs (``description_html``) and never as HTML a member wrote.
- Pictures that passed their check in a form that failed elsewhere are held aside (``hold_upload``) under
  MEDIA_ROOT/pending-uploads/<random>/ and named in the re-rendered form by a signed token, so the member does not
  pick them again and cannot point the form at any other file. ``purge_held_uploads`` clears those left behind.
- Variants follow Oscar's rules (AbstractProduct.clean): a parent has categories and pictures but no stock record;
  each child has its own stock record and no category; a child belongs to its parent's stall.
"""

import contextlib
import html
import io
import os
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import PurePosixPath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from PIL import Image

from catalog import thumbnails
from shop.fulfilment.models import ShippingPolicy
from storefronts.application import slug_from
from storefronts.models import Storefront
from storefronts.workflow import open_partner

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

GOODS_CLASS = {"slug": "hang-hoa-htx", "name": "Hàng hóa HTX", "requires_shipping": True, "track_stock": True}
MAX_IMAGES = 5
MAX_PRICE = 999_999_999  # đồng
MAX_STOCK = 10_000_000
CURRENCY = "VND"
LABEL_FIELDS = (
    "unit",
    "net_quantity",
    "origin_province",
    "origin_area",
    "ingredients",
    "shelf_life",
    "storage_instructions",
    "manufacturer",
    "certifications",
)
DEFAULT_VARIANT_NAME = _("Loại thường")


# A stall in review prepares its shelf: it saves drafts (never listed, never buyable) and publishes once approved.
PREPARING_STATUSES = (Storefront.Status.SUBMITTED, Storefront.Status.CHANGES_REQUESTED)


def can_sell(storefront):
    """Only an approved stall (which has its partner) lists products."""
    return (
        storefront is not None and storefront.partner_id is not None and storefront.status == Storefront.Status.APPROVED
    )


def can_prepare(storefront):
    """An approved stall, or one whose application is with the union staff, may work on its (draft) products."""
    return can_sell(storefront) or (storefront is not None and storefront.status in PREPARING_STATUSES)


def partner_of(storefront):
    """The Oscar partner a stall's stock records belong to. A stall in review gets it with its first draft product
    (approval then finds it open); the workflow opens it in one place for both."""
    if storefront.partner_id is None:
        with transaction.atomic():
            locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
            if locked.partner_id is None:
                open_partner(locked)
                locked.save(update_fields=["partner"])
        storefront.partner = locked.partner
    return storefront.partner


def goods_class():
    """The product class of cooperative goods: shipped, with stock kept."""
    defaults = {key: value for key, value in GOODS_CLASS.items() if key != "slug"}
    product_class, _created = ProductClass.objects.get_or_create(slug=GOODS_CLASS["slug"], defaults=defaults)
    return product_class


def sku_for(product):
    return f"HTX-{product.pk:07d}"


# --- Descriptions -----------------------------------------------------------------------------------------------------


def description_html(text):
    """Plain text → escaped paragraphs: a blank line starts a paragraph, a single line break stays a line break."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def description_text(stored):
    """The stored description back as the plain text the form shows."""
    text = re.sub(r"<br\s*/?>", "\n", stored or "", flags=re.IGNORECASE)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    return html.unescape(strip_tags(text)).strip()


# --- The stall's list -------------------------------------------------------------------------------------------------


def stall_products(storefront):
    """The stall's own products as its list shows them (parents and standalone products, drafts included), with
    everything a row needs fetched in a fixed number of queries."""
    return (
        Product.objects.filter(storefront=storefront, parent__isnull=True)
        .prefetch_related(
            "stockrecords",
            "images",
            "categories",
            Prefetch("children", queryset=Product.objects.prefetch_related("stockrecords").order_by("pk")),
        )
        .order_by("-date_updated", "-pk")
    )


@dataclass(frozen=True)
class Summary:
    """What the member's list shows about one product, from prefetched rows only."""

    product: Product
    lowest_price: Decimal | None
    highest_price: Decimal | None
    stock: int | None
    thumbnail_url: str | None
    category: object
    variant_count: int


def summary(product):
    if product.is_parent:
        children = list(product.children.all())
        records = [record for child in children for record in child.stockrecords.all()]
    else:
        children = []
        records = list(product.stockrecords.all())
    prices = [record.price for record in records if record.price is not None]
    stocks = [record.num_in_stock for record in records if record.num_in_stock is not None]
    images = list(product.images.all())
    categories = list(product.categories.all())
    return Summary(
        product=product,
        lowest_price=min(prices, default=None),
        highest_price=max(prices, default=None),
        stock=sum(stocks) if records else None,
        thumbnail_url=images[0].thumbnail_url(160) if images else None,
        category=categories[0] if categories else None,
        variant_count=len(children),
    )


@dataclass(frozen=True)
class VariantSummary:
    variant: Product
    price: Decimal | None
    stock: int | None


def variants_of(parent):
    """The parent's variants, oldest first, each with its price and stock."""
    summaries = []
    for child in parent.children.prefetch_related("stockrecords").order_by("pk"):
        record = next(iter(child.stockrecords.all()), None)
        summaries.append(
            VariantSummary(
                variant=child,
                price=record.price if record else None,
                stock=record.num_in_stock if record else None,
            )
        )
    return summaries


# --- Saving the form --------------------------------------------------------------------------------------------------


@transaction.atomic
def save_product(storefront, product, fields, pictures=(), held=()):
    """Create (``product`` None: a draft of ``storefront``) or update a product from the simple form's values.

    ``fields`` holds title, description (plain text), category, price and stock (ignored for a parent, whose
    variants are priced) and the label fields; ``pictures`` are checked pictures (ContentFile) and ``held`` the
    HeldUploads of earlier submissions, both added after the product's own pictures.
    """
    if product is None:
        product = Product(storefront=storefront, product_class=goods_class(), is_public=False)
    title = fields["title"].strip()
    product.title_vi = title
    product.description_vi = description_html(fields.get("description"))
    for language in ("en", "zh_hans"):
        if f"title_{language}" in fields:
            setattr(product, f"title_{language}", (fields.get(f"title_{language}") or "").strip())
            setattr(product, f"description_{language}", description_html(fields.get(f"description_{language}")))
    product.slug = slug_from(title)[:200].strip("-") or "san-pham"
    product.low_stock_threshold = fields.get("low_stock_threshold")
    for name in LABEL_FIELDS:
        value = fields.get(name)
        if value is None and name != "origin_province":
            value = ""
        setattr(product, name, value)
    product.save()
    set_category(product, fields.get("category"))
    if product.is_parent:
        rename_variants(product)
    else:
        set_price_and_stock(product, partner_of(storefront), fields.get("price"), fields.get("stock"))
    add_images(product, [*(upload.content() for upload in held), *pictures])
    for upload in held:
        transaction.on_commit(upload.discard)
    return product


def set_category(product, category):
    """The one category the form chose (Oscar allows several; a member's form offers one)."""
    if category is None:
        ProductCategory.objects.filter(product=product).delete()
        return
    ProductCategory.objects.filter(product=product).exclude(category=category).delete()
    ProductCategory.objects.get_or_create(product=product, category=category)


def set_price_and_stock(product, partner, price, stock):
    record = product.stockrecords.filter(partner=partner).first()
    if record is None:
        record = StockRecord(product=product, partner=partner, partner_sku=sku_for(product), price_currency=CURRENCY)
    record.price = Decimal(price) if price is not None else None
    record.num_in_stock = stock or 0
    record.save()
    return record


def stock_record(product):
    return product.stockrecords.first()


# --- Pictures ---------------------------------------------------------------------------------------------------------


def add_images(product, pictures):
    """Attach checked pictures (ContentFile) after the product's own ones; thumbnails are made as each is saved."""
    count = product.images.count()
    if count + len(pictures) > MAX_IMAGES:
        raise ValidationError(too_many_images_message(count), code="too_many_images")
    return [
        ProductImage.objects.create(product=product, original=picture, display_order=count + index)
        for index, picture in enumerate(pictures)
    ]


def too_many_images_message(existing):
    return _("Mỗi sản phẩm có tối đa %(max)s ảnh; sản phẩm này đã có %(existing)s ảnh. Hãy bỏ bớt ảnh.") % {
        "max": MAX_IMAGES,
        "existing": existing,
    }


def remove_image(image):
    """Delete one picture (and its file) of a product; a product on sale keeps at least one."""
    product = image.product
    if product.is_public and product.images.count() <= 1:
        raise ValidationError(
            _("Sản phẩm đang bày bán cần ít nhất một ảnh. Hãy thêm ảnh khác trước khi xóa ảnh này."),
            code="last_image",
        )
    name, storage = image.original.name, image.original.storage
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))


HELD_FOLDER = "pending-uploads"
HELD_SALT = "catalog.products.held-upload"
HELD_MAX_AGE = timedelta(days=2)
PREVIEW_NAME = "preview.webp"


@dataclass(frozen=True)
class HeldUpload:
    """A checked picture kept aside while its form is being fixed."""

    token: str
    path: str

    @property
    def filename(self):
        return PurePosixPath(self.path).name

    @property
    def preview_url(self):
        return default_storage.url(str(PurePosixPath(self.path).parent / PREVIEW_NAME))

    def content(self):
        with default_storage.open(self.path, "rb") as handle:
            return ContentFile(handle.read(), name=self.filename)

    def discard(self):
        folder = PurePosixPath(self.path).parent
        for name in (self.path, str(folder / PREVIEW_NAME)):
            if default_storage.exists(name):
                default_storage.delete(name)
        remove_empty_folder(str(folder))


def remove_empty_folder(folder):
    """A file system keeps empty folders (object stores have none): remove the holding folder once emptied."""
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(folder))


def hold_upload(storefront, picture):
    """Keep a checked picture (ContentFile) in a fresh folder of the holding area; returns its HeldUpload."""
    folder = PurePosixPath(HELD_FOLDER, secrets.token_urlsafe(18))
    picture.seek(0)
    data = picture.read()
    path = default_storage.save(str(folder / PurePosixPath(picture.name).name), ContentFile(data))
    with Image.open(io.BytesIO(data)) as opened:
        preview = thumbnails.render_square(opened.convert("RGB"), thumbnails.WIDTHS[0])
    default_storage.save(str(folder / PREVIEW_NAME), ContentFile(preview))
    token = signing.dumps({"stall": storefront.pk, "path": path}, salt=HELD_SALT, compress=True)
    return HeldUpload(token=token, path=path)


def held_upload(storefront, token):
    """The HeldUpload a token names, or None when it was tampered with, is stale, is another stall's or is gone."""
    try:
        value = signing.loads(token, salt=HELD_SALT, max_age=HELD_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    path = value.get("path", "") if isinstance(value, dict) else ""
    parts = PurePosixPath(path).parts
    if value.get("stall") != storefront.pk or len(parts) != 3 or parts[0] != HELD_FOLDER or ".." in parts:
        return None
    if not default_storage.exists(path):
        return None
    return HeldUpload(token=token, path=path)


def purge_held_uploads(older_than=HELD_MAX_AGE):
    """Delete held pictures whose forms were abandoned (their tokens have expired); returns how many folders."""
    limit = timezone.now() - older_than
    try:
        folders, _files = default_storage.listdir(HELD_FOLDER)
    except FileNotFoundError:
        return 0
    purged = 0
    for folder in folders:
        path = f"{HELD_FOLDER}/{folder}"
        _subfolders, names = default_storage.listdir(path)
        stamps = [default_storage.get_modified_time(f"{path}/{name}") for name in names]
        if all(stamp < limit for stamp in stamps):
            for name in names:
                default_storage.delete(f"{path}/{name}")
            remove_empty_folder(path)
            purged += 1
    return purged


# --- Putting on sale --------------------------------------------------------------------------------------------------


def publish_problems(product):
    """What a shopper would miss on the product's page, as sentences; empty when it may go on sale."""
    from shop.takedowns.removal import publish_refusal  # taken down by union staff: only they put it back

    problems = [refusal] if (refusal := publish_refusal(product)) else []
    if not can_sell(product.storefront):
        problems.append(
            _(
                "Gian hàng đang chờ cán bộ Liên minh HTX duyệt: sản phẩm được lưu nháp và bày bán được ngay khi gian hàng được duyệt."
            )
        )
    if not ShippingPolicy.objects.filter(storefront_id=product.storefront_id).exists():
        problems.append(
            _("Gian hàng chưa lưu cách giao hàng: hãy đặt phí giao hàng ở trang “Giao hàng” trước khi bày bán.")
        )
    if not product.categories.exists():
        problems.append(_("Chưa chọn danh mục."))
    if product.is_parent:
        if not StockRecord.objects.filter(product__parent=product, price__isnull=False).exists():
            problems.append(_("Chưa có biến thể nào có giá bán."))
    else:
        record = stock_record(product)
        if record is None:
            problems.append(_("Chưa có giá bán và số lượng tồn kho."))
        elif record.price is None:
            problems.append(_("Chưa có giá bán."))
    if not product.images.exists():
        problems.append(_("Chưa có ảnh nào: hãy thêm ít nhất một ảnh sản phẩm."))
    return problems


@transaction.atomic
def publish_product(product):
    """Put the product (and its variants) on sale once it has what its page needs."""
    problems = publish_problems(product)
    if problems:
        raise ValidationError(problems, code="incomplete")
    set_public(product, True)


@transaction.atomic
def unpublish_product(product):
    """Take the product (and its variants) off sale; it stays a draft the member can edit and publish again."""
    set_public(product, False)


def set_public(product, public):
    for each in [product, *product.children.all()]:
        each.is_public = public
        each.save()


# --- Variants ---------------------------------------------------------------------------------------------------------


def variant_title(parent, name):
    return f"{parent.title_vi} – {name}"[:255]


def clean_variant_name(parent, name, exclude=None):
    name = " ".join((name or "").split())
    taken = parent.children.exclude(pk=getattr(exclude, "pk", None)).values_list("unit", flat=True)
    if name.casefold() in {each.casefold() for each in taken}:
        raise ValidationError(
            {"name": _("Sản phẩm đã có biến thể “%(name)s”. Hãy đặt tên khác.") % {"name": name}}, code="duplicate"
        )
    return name


def make_variant(parent, name):
    child = Product(
        parent=parent,
        structure=Product.CHILD,
        storefront_id=parent.storefront_id,
        product_class=None,
        title_vi=variant_title(parent, name),
        unit=name,
        is_public=parent.is_public,
    )
    child.slug = slug_from(child.title_vi)[:200].strip("-") or "san-pham"
    child.save()
    return child


@transaction.atomic
def add_variant(product, name, price, stock, current_name=None):
    """Add a variant (its own name suffix, price and stock) to a product, making the product a parent if needed.

    A standalone product's price is not lost: its stock record moves to a first variant named ``current_name`` (by
    default the product's unit). Returns the new variant.
    """
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.is_child:
        raise ValidationError(_("Một biến thể không thể có biến thể riêng."), code="child")
    name = clean_variant_name(product, name)
    record = stock_record(product) if product.is_standalone else None
    if product.is_standalone:
        first_name = " ".join((current_name or product.unit or str(DEFAULT_VARIANT_NAME)).split())
        if record is not None and record.price is not None and first_name.casefold() == name.casefold():
            raise ValidationError(
                {"name": _("Loại hiện có đã mang tên “%(name)s”. Hãy đặt tên khác cho biến thể mới.") % {"name": name}},
                code="duplicate",
            )
        product.structure = Product.PARENT
        product.save()
        if record is not None and record.price is not None:
            record.product = make_variant(product, first_name)
            record.save()
        elif record is not None:
            record.delete()  # an unpriced draft record: nothing to keep
    child = make_variant(product, name)
    set_price_and_stock(child, partner_of(product.storefront), price, stock)
    return child


@transaction.atomic
def update_variant(child, name, price, stock):
    parent = child.parent
    child.unit = clean_variant_name(parent, name, exclude=child)
    child.title_vi = variant_title(parent, child.unit)
    child.save()
    set_price_and_stock(child, partner_of(parent.storefront), price, stock)
    return child


def rename_variants(parent):
    """Variants are named after their parent: keep their titles in step with a renamed parent."""
    for child in parent.children.all():
        title = variant_title(parent, child.unit)
        if child.title_vi != title:
            child.title_vi = title
            child.save()
