"""Names for facet values (slugs in the index) in the active language: one small query per facet."""

from oscar.core.loading import get_model

from storefronts.models import Province, Storefront


def category_labels(slugs):
    """(slug, name, depth) of the categories with these slugs, in tree order (a parent before its children)."""
    if not slugs:
        return []
    Category = get_model("catalogue", "Category")
    seen, labels = set(), []
    for category in Category.objects.filter(slug__in=slugs).order_by("path"):
        if category.slug not in seen:
            seen.add(category.slug)
            labels.append((category.slug, category.name, category.depth))
    return labels


def province_labels(slugs):
    if not slugs:
        return []
    return [(province.slug, province.name) for province in Province.objects.filter(slug__in=slugs)]


def stall_labels(slugs):
    if not slugs:
        return []
    return [(stall.slug, stall.name) for stall in Storefront.objects.filter(slug__in=slugs)]
