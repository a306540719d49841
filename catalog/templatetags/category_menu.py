"""The category list beside a product list, in one query (Oscar's category_tree tag takes two, and more per level)."""

from dataclasses import dataclass, field

from django import template
from oscar.core.loading import get_model

register = template.Library()


@dataclass
class MenuEntry:
    category: object
    subcategories: list = field(default_factory=list)


@register.simple_tag
def category_menu():
    """Browsable top-level categories with their browsable subcategories, leaving out those kept off menus."""
    Category = get_model("catalogue", "Category")
    categories = Category.objects.browsable().filter(exclude_from_menu=False, depth__lte=2).order_by("path")
    entries = []
    for category in categories:
        if category.depth == 1:
            entries.append(MenuEntry(category))
        elif entries and category.path.startswith(entries[-1].category.path):
            entries[-1].subcategories.append(category)
    return entries
