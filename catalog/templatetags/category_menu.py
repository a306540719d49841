"""The category list beside a product list, in one query (Oscar's category_tree tag takes two, and more per level).

Each entry carries its address, built from its parent's slug: Oscar's Category.get_absolute_url asks the cache for
every category's full slug, a round trip to Redis each, 21 of them per page at 27 categories (bench/README.md).
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from oscar.core.loading import get_model

from shop.caching import kept

register = template.Library()

MENU_KEY = "catalog:category-menu"


@dataclass
class MenuEntry:
    category: object
    url: str
    subcategories: list = field(default_factory=list)  # a MenuEntry for each browsable subcategory


def category_url(category, full_slug):
    """The address Oscar's Category.get_absolute_url gives, from a full slug already known."""
    return reverse("catalogue:category", kwargs={"category_slug": full_slug, "pk": category.pk})


@register.simple_tag
def category_menu():
    """Browsable top-level categories with their browsable subcategories, leaving out those kept off menus.

    Kept CATALOGUE_COUNT_CACHE_SECONDS per language (names and addresses differ): every product list shows it, and
    the category tree changes a few times a year."""
    return kept(f"{MENU_KEY}:{get_language()}", settings.CATALOGUE_COUNT_CACHE_SECONDS, build_menu)


def build_menu():
    Category = get_model("catalogue", "Category")
    categories = Category.objects.browsable().filter(exclude_from_menu=False, depth__lte=2).order_by("path")
    entries = []
    for category in categories:
        if category.depth == 1:
            entries.append(MenuEntry(category, category_url(category, category.slug)))
        elif entries and category.path.startswith(entries[-1].category.path):
            parent = entries[-1]
            full_slug = f"{parent.category.slug}{category._slug_separator}{category.slug}"
            parent.subcategories.append(MenuEntry(category, category_url(category, full_slug)))
    return entries
