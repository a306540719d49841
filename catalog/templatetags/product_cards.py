"""Price, stock and picture of a product, read only from what was loaded with it (ProductQuerySet.for_cards or the
product page's queryset), so a list of 50 cards costs no more queries than a list of 10. The price and stock come
from the marketplace's one policy (shop/partner/strategy.py: offer_for), which reads the loaded stock records.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cache as once
from pathlib import Path

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from shop.partner.strategy import Offer, offer_for
from translations.templatetags.translated import fallback_lang

register = template.Library()

CARD_TEMPLATE = "catalogue/partials/product_card.html"
CARD_KEY = "catalog:card"
EAGER_PICTURES = 4  # the first cards' pictures load at once: they are usually above the fold


def ordered_images(product):
    """The product's prefetched pictures, first by display order (ties: the older picture first)."""
    return sorted(product.images.all(), key=lambda image: (image.display_order, image.pk))


@register.simple_tag
def card_offer(product):
    return offer_for(product)


@register.simple_tag
def card_image(product):
    """The product's first picture, or None."""
    images = ordered_images(product)
    return images[0] if images else None


@register.filter
def thumbnail_url(image, width):
    """The URL of one of the picture's square WebP thumbnails (160, 320 or 640 pixels wide)."""
    return image.thumbnail_url(int(width))


@register.simple_tag
def product_cards(products, lazy_all=False):
    """The cards of ``products`` (catalogue/partials/product_card.html), each kept PRODUCT_CARD_CACHE_SECONDS in the
    cache under everything it shows, so a card is rendered again as soon as any of it changes (price, stock, title,
    picture, stars, stall) and never shows stale facts. Rendering two dozen cards through the template engine is most
    of a product list's CPU time (bench/README.md); looking them up is one cache round trip."""
    cards = [
        (product, card_facts(product, lazy_all or index >= EAGER_PICTURES)) for index, product in enumerate(products)
    ]
    seconds = settings.PRODUCT_CARD_CACHE_SECONDS
    keys = [card_key(facts) for _product, facts in cards] if seconds > 0 else []
    found = cache.get_many(keys) if keys else {}
    html, missing = [], {}
    for index, (product, facts) in enumerate(cards):
        card = found.get(keys[index]) if keys else None
        if card is None:
            card = render_card(product, facts)
            if keys:
                missing[keys[index]] = card
        html.append(card)
    if missing:
        cache.set_many(missing, seconds)
    return mark_safe("".join(html))


@dataclass(frozen=True)
class CardFacts:
    """Everything a product card shows, from what was loaded with the product: the card's cache key is made of these,
    so product_card.html must show nothing else. ``picture`` is the first picture itself, for rendering the card; it
    is left out of the key, which covers it by ``image``, its file name."""

    language: str
    script_prefix: str
    lazy: bool
    product: tuple
    offer: Offer
    image: str | None
    stars: int | None
    stall: tuple
    picture: object = field(compare=False, repr=False)


def card_facts(product, lazy):
    picture = card_image(product)
    certificate = product.ocop_certificate()
    stall = product.storefront
    return CardFacts(
        language=get_language(),
        script_prefix=get_script_prefix(),
        lazy=lazy,
        product=(
            product.pk,
            product.slug,
            product.get_title(),
            str(fallback_lang(product, "title")),
            product.unit,
            product.is_parent,
            product.rating,
        ),
        offer=offer_for(product),
        image=picture.original.name if picture else None,
        stars=certificate.stars if certificate else None,
        stall=(stall.slug, stall.name, str(fallback_lang(stall, "name")), stall.cooperative.province.name),
        picture=picture,
    )


def card_key(facts):
    digest = hashlib.sha256(repr((card_template_version(), facts)).encode()).hexdigest()
    return f"{CARD_KEY}:{digest}"


@once
def card_template_version():
    """A digest of the card's templates and of the compiled translations: a new release renders its cards anew."""
    digest = hashlib.sha256()
    for name in (CARD_TEMPLATE, "catalogue/partials/ocop_stars.html"):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    for catalogue in sorted(path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/*/django.mo")):
        digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:16]


def render_card(product, facts):
    context = {"product": product, "offer": facts.offer, "image": facts.picture, "lazy": facts.lazy}
    return get_template(CARD_TEMPLATE).render(context)
