"""What a member's seller centre reads about products: which stalls may prepare and sell, the stall's list with one
summary per product, a product's variants, and what a product still lacks before it may go on sale."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.products.stock_records import stock_record
from shop.fulfilment.models import ShippingPolicy
from storefronts.models import Storefront

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

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


# --- Before going on sale ---------------------------------------------------------------------------------------------


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
