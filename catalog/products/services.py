"""Changing a member's product: saving the simple form in one go, and putting a product on sale or taking it off.

A product is written by ``save_product``: the Product (a draft until published), its one category, its stock record
(price in whole đồng, stock; a parent has none, its variants are priced) and its new pictures.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from oscar.core.loading import get_model

from catalog.products.descriptions import description_html
from catalog.products.pictures import add_images
from catalog.products.queries import publish_problems
from catalog.products.stock_records import partner_of, save_stock_record
from catalog.products.variants import rename_variants
from storefronts.application import slug_from

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")

GOODS_CLASS = {"slug": "hang-hoa-htx", "name": "Hàng hóa HTX", "requires_shipping": True, "track_stock": True}
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


def goods_class():
    """The product class of cooperative goods: shipped, with stock kept."""
    defaults = {key: value for key, value in GOODS_CLASS.items() if key != "slug"}
    product_class, _created = ProductClass.objects.get_or_create(slug=GOODS_CLASS["slug"], defaults=defaults)
    return product_class


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
        save_stock_record(product, partner_of(storefront), fields.get("price"), fields.get("stock"))
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


# --- Putting on sale --------------------------------------------------------------------------------------------------


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
