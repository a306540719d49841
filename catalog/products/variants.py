"""A product's variants, following Oscar's rules (AbstractProduct.clean): a parent has categories and pictures but no
stock record; each child has its own name suffix (kept in ``unit``), stock record and no category, and belongs to
its parent's stall."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.products.stock_records import partner_of, save_stock_record, stock_record
from shop.locking import lock_one
from storefronts.application import slug_from

Product = get_model("catalogue", "Product")

DEFAULT_VARIANT_NAME = _("Loại thường")


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
    product = lock_one(Product, product.pk)
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
    save_stock_record(child, partner_of(product.storefront), price, stock)
    return child


@transaction.atomic
def update_variant(child, name, price, stock):
    parent = child.parent
    child.unit = clean_variant_name(parent, name, exclude=child)
    child.title_vi = variant_title(parent, child.unit)
    child.save()
    save_stock_record(child, partner_of(parent.storefront), price, stock)
    return child


def rename_variants(parent):
    """Variants are named after their parent: keep their titles in step with a renamed parent."""
    for child in parent.children.all():
        title = variant_title(parent, child.unit)
        if child.title_vi != title:
            child.title_vi = title
            child.save()
