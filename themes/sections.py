"""What the home page's sections show: the stalls, products, product groups and news each one picks, fetched by the
page (HomePage.get_context) in a fixed number of queries per section and handed to the section's block to render.

The blocks (themes/blocks.py) only hold what the editors chose; the queries live here, so the blocks never import
the page models back.
"""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from oscar.core.loading import get_model

from shop.caching import kept

SECTION_KEY = "themes:section"  # the products a home page section picked (chosen_products)
PRODUCT_SECTIONS = ("ocop_products", "new_products")


def featured_stalls(slugs, count):
    """The chosen stalls still open, in the chosen order; without a choice, the ``count`` most recently approved."""
    from storefronts.filters import with_card_facts
    from storefronts.models import Storefront, StorefrontTransition
    from storefronts.views.public import initials

    stalls = with_card_facts(Storefront.objects.public())
    if slugs:
        found = {stall.slug: stall for stall in stalls.filter(slug__in=slugs)}
        chosen = [found[slug] for slug in slugs if slug in found][:count]
    else:
        approvals = StorefrontTransition.objects.filter(storefront=OuterRef("pk"), to_status=Storefront.Status.APPROVED)
        approved_at = Subquery(approvals.order_by("-created_at").values("created_at")[:1])
        chosen = list(
            stalls.annotate(approved_at=approved_at).order_by(F("approved_at").desc(nulls_last=True), "-pk")[:count]
        )
    for stall in chosen:
        stall.initials = initials(stall.name)
    return chosen


def ocop_products(min_stars, count):
    from ocop.models import OcopCertificate
    from ocop.queries import with_min_stars

    def best_rated():
        Product = get_model("catalogue", "Product")
        best = OcopCertificate.objects.valid().filter(products=OuterRef("pk")).order_by("-stars").values("stars")[:1]
        products = with_min_stars(Product.objects.browsable(), min_stars).annotate(best_stars=Subquery(best))
        return products.order_by("-best_stars", "-date_created", "-pk")[:count]

    return chosen_products(f"ocop:{min_stars}:{count}", best_rated)


def newest_products(count):
    def newest():
        Product = get_model("catalogue", "Product")
        return Product.objects.browsable().order_by("-date_created", "-pk")[:count]

    return chosen_products(f"new:{count}", newest)


def chosen_products(name, choose):
    """The products ``choose()`` picks, as cards. Which products a section shows is kept CATALOGUE_COUNT_CACHE_SECONDS
    (picking them sorts every certified or every approved product: 20-50 ms at 100,000 products); what each card shows
    is read fresh, and a product taken off sale in the meantime is left out at once."""
    Product = get_model("catalogue", "Product")
    ids = kept(
        f"{SECTION_KEY}:{name}",
        settings.CATALOGUE_COUNT_CACHE_SECONDS,
        lambda: list(choose().values_list("pk", flat=True)),
    )
    found = Product.objects.browsable().for_cards().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def category_tiles(slugs):
    Category = get_model("catalogue", "Category")
    public = Category.objects.filter(is_public=True)
    if not slugs:
        return list(public.filter(depth=1).order_by("path"))
    found = {category.slug: category for category in public.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def latest_news(count):
    from themes.models import NewsIndexPage, NewsPage

    news = list(NewsPage.objects.live().public().order_by("-date", "-pk")[:count])
    return {"news": news, "news_index": NewsIndexPage.objects.live().public().first()}


FETCHERS = {
    "featured_stalls": lambda value: {
        "stalls": featured_stalls(list(value.get("stalls") or []), value.get("count") or 6)
    },
    "ocop_products": lambda value: {
        "products": ocop_products(int(value.get("min_stars") or 4), value.get("count") or 8),
        "stars": value.get("min_stars"),
    },
    "new_products": lambda value: {"products": newest_products(value.get("count") or 12)},
    "category_tiles": lambda value: {"categories": category_tiles(list(value.get("categories") or []))},
    "latest_news": lambda value: latest_news(value.get("count") or 3),
}


def home_sections(body):
    """[(block, what it shows)] for each section of a home page's body, in order; sections that fetch nothing (the
    opening, a text) get an empty dict."""
    return [(block, FETCHERS[block.block_type](block.value) if block.block_type in FETCHERS else {}) for block in body]
