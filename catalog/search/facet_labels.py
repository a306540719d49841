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
    """(slug, name) of the stalls with these slugs: only the two names read, not whole stalls (a search for honey
    finds products of over a hundred stalls)."""
    if not slugs:
        return []
    # modeltranslation reads "name" in the active language, falling back to Vietnamese, as stall.name does.
    return list(Storefront.objects.filter(slug__in=slugs).order_by().values_list("slug", "name"))
