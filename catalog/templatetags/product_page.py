"""Parts of the product page: schema.org Product data for search engines, and the fields of one variant's
add-to-basket form (Oscar's form, repeated once per variant, so each repetition needs its own element ids)."""

import json

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"

# The characters that could end a <script> element or start markup, written as JSON escapes (as Django's
# json_script does); JSON parsers read them back as the same characters.
SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_for_script(data):
    return json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE)


def plain_text(text):
    """Description text without markup, on one line (search engines show it as a snippet)."""
    return " ".join(strip_tags(text or "").split())


def whole_dong(price):
    return str(int(price))


def organization(request, stall):
    return {
        "@type": "Organization",
        "name": stall.cooperative.name,
        "url": request.build_absolute_uri(stall.get_absolute_url()),
    }


def single_offer(request, product, offer, on_sale, seller, url):
    data = {
        "@type": "Offer",
        "priceCurrency": "VND",
        "price": whole_dong(offer.low_price),
        "availability": IN_STOCK if on_sale and offer.in_stock else OUT_OF_STOCK,
        "url": url,
    }
    if product.upc:
        data["sku"] = product.upc
    if seller:
        data["seller"] = seller
    return data


def offers_data(request, product, offer, variants, on_sale, seller, url):
    """An Offer for a product sold as it is; an AggregateOffer listing each priced variant for a parent product."""
    if not product.is_parent:
        return single_offer(request, product, offer, on_sale, seller, url) if offer.has_price else None
    priced = [variant for variant in variants if variant.offer.has_price]
    if not priced:
        return None
    offers = []
    for variant in priced:
        variant_offer = single_offer(request, variant.product, variant.offer, on_sale, seller, url)
        variant_offer["name"] = variant.product.get_title()
        offers.append(variant_offer)
    data = {
        "@type": "AggregateOffer",
        "priceCurrency": "VND",
        "lowPrice": whole_dong(offer.low_price),
        "highPrice": whole_dong(offer.high_price),
        "offerCount": len(offers),
        "availability": IN_STOCK if on_sale and offer.in_stock else OUT_OF_STOCK,
        "offers": offers,
    }
    if seller:
        data["seller"] = seller
    return data


def product_structured_data(request, product, *, images, offer, variants, on_sale, review_count):
    """schema.org Product data for the product page, in the page's language."""
    stall = product.storefront
    url = request.build_absolute_uri(product.get_absolute_url())
    seller = organization(request, stall) if stall else None
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "url": url,
    }
    description = plain_text(product.description)
    if description:
        data["description"] = description
    if images:
        data["image"] = [request.build_absolute_uri(image.original.url) for image in images]
    if product.upc:
        data["sku"] = product.upc
    if stall:
        data["brand"] = {"@type": "Brand", "name": stall.name}
    maker = product.maker()
    if maker:
        data["manufacturer"] = {"@type": "Organization", "name": maker}
    if product.rating is not None and review_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{product.rating:.1f}",
            "reviewCount": review_count,
            "bestRating": "5",
        }
    offers = offers_data(request, product, offer, variants, on_sale, seller, url)
    if offers:
        data["offers"] = offers
    return data


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, images, offer, variants, on_sale, review_count):
    data = product_structured_data(
        context["request"],
        product,
        images=images,
        offer=offer,
        variants=variants,
        on_sale=on_sale,
        review_count=review_count,
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data)))


@register.simple_tag
def variant_field(field, variant_key):
    """A field of Oscar's add-to-basket form rendered for one variant: its own element id, and its label."""
    element_id = f"{field.auto_id}-{variant_key}"
    widget = field.as_widget(attrs={"id": element_id, "class": "form-control form-control-sm w-auto mr-2"})
    if field.is_hidden:
        return widget
    return format_html(
        '<label for="{}" class="mb-0 mr-2">{}</label>{}',
        element_id,
        field.label,
        widget,
    )
