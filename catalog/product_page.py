"""What a product's page loads, in as few queries as what it shows needs (catalog/views.py: ProductDetailView).

At 100,000 products most of the page's cost was the ORM building, compiling and turning into objects fifteen
statements (bench/README.md, issue 25 item 9). Now:

- the product comes in one query with its stall, cooperative, province, shipping policy, class and origin; not with
  its parent (a variant's address only redirects to it): PostgreSQL plans each further join, and an eighth table made
  it search join orders for 1.3 ms instead of 0.7;
- the product and the stall's other products shown below it share one query each for stock records, pictures and
  OCOP certificates, and variants are looked up only for parent products;
- the related products borrow the page's stall (and product class) instead of joining them again;
- Oscar's add-to-basket form asks whether the product has options; while the shop defines none, it is told so;
- the breadcrumb reads the category tree kept a minute per language, as the category menu does, so the product's
  category ids are its only query;
- reviews are read only when the product has a rating: Oscar recomputes the rating on every review saved or deleted,
  so a product without one has no approved review to show.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language
from oscar.core.loading import get_model

from catalog.managers import attribute_values_prefetch, public_variants_prefetch
from catalog.templatetags.category_menu import category_url
from ocop.queries import valid_certificates_prefetch
from shop.caching import kept

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")

OPTIONS_KEY = "catalog:options-defined"
RELATED_PRODUCT_COUNT = 4
REVIEWS_SHOWN = 5
TREE_KEY = "catalog:category-tree"


def products():
    """Products as their page loads them: what the page shows of the stall and the label joined in."""
    return Product.objects.select_related(
        "storefront__cooperative__province", "storefront__shipping_policy", "product_class", "origin_province"
    )


def options_defined():
    """Whether the shop defines any product option at all (Oscar's dashboard can; the marketplace's own screens never
    do), kept CATALOGUE_COUNT_CACHE_SECONDS: a new option shows on product pages within that time."""
    return kept(OPTIONS_KEY, settings.CATALOGUE_COUNT_CACHE_SECONDS, Option.objects.exists)


def answer_has_options(product):
    """Oscar's add-to-basket form asks each product whether it has options, one query each; with no option defined
    anywhere the answer is known. (Two EXISTS subqueries on the product's query cost PostgreSQL more planning than
    that query itself.)"""
    if not options_defined():
        product.has_options = False


def related_products(product):
    """Up to four more products of the stall, newest first."""
    if product.storefront_id is None:
        return []
    related = list(
        Product.objects.browsable()
        .filter(storefront_id=product.storefront_id)
        .exclude(pk=product.pk)
        .order_by("-date_created", "-pk")[:RELATED_PRODUCT_COUNT]
    )
    classes = ProductClass.objects.in_bulk(  # none to ask for when they are all of the page product's class
        {other.product_class_id for other in related} - {product.product_class_id, None}
    )
    classes[product.product_class_id] = product.product_class
    for other in related:
        other.storefront = product.storefront  # the same stall, already loaded with its cooperative and province
        other.product_class = classes.get(other.product_class_id)
    return related


def load_shown_parts(product, related):
    """Stock records, pictures and valid OCOP certificates of the product and of the related products, one query each;
    the public variants (with their stock records and attributes) of those that are parent products."""
    shown = [product, *related]
    prefetch_related_objects(shown, "stockrecords", "images", valid_certificates_prefetch())
    parents = [each for each in shown if each.is_parent]
    if parents:
        prefetch_related_objects(parents, public_variants_prefetch(with_attributes=True))
    if product.is_parent:
        # The add-to-basket form names each variant by its attributes, falling back on the parent's.
        prefetch_related_objects([product], attribute_values_prefetch("_prefetched_parent_attribute_values"))
    answer_has_options(product)


def variants(product):
    """A parent product's public variants, loaded by load_shown_parts (a product sold as it is has none to ask for)."""
    return list(product.get_public_children()) if product.is_parent else []


def approved_reviews(product):
    """The first approved reviews; none to look for while the product has no rating (see the module's docstring)."""
    if product.rating is None:
        return []
    return list(product.reviews.approved().select_related("user")[:REVIEWS_SHOWN])


def review_count(product, reviews):
    return len(reviews) if len(reviews) < REVIEWS_SHOWN else product.num_approved_reviews


# --- The breadcrumb ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


@dataclass(frozen=True)
class CategoryTree:
    """The browsable categories in the active language: each one's path by id, and its crumb by path."""

    paths: dict
    crumbs: dict


def build_tree():
    paths, crumbs, full_slugs = {}, {}, {}
    for category in Category.objects.browsable().order_by("path"):
        parent_slug = full_slugs.get(category.path[: -category.steplen])
        full_slug = f"{parent_slug}{category._slug_separator}{category.slug}" if parent_slug else category.slug
        full_slugs[category.path] = full_slug
        paths[category.pk] = category.path
        crumbs[category.path] = Crumb(category.name, category_url(category, full_slug))
    return CategoryTree(paths, crumbs)


def category_trail(product):
    """The crumbs from the root to the product's first browsable category (in tree order, as Oscar's
    get_categories() gives them), or none. The tree is kept CATALOGUE_COUNT_CACHE_SECONDS per language."""
    tree = kept(f"{TREE_KEY}:{get_language()}", settings.CATALOGUE_COUNT_CACHE_SECONDS, build_tree)
    filed = ProductCategory.objects.filter(product_id=product.pk).order_by().values_list("category_id", flat=True)
    paths = sorted(tree.paths[pk] for pk in filed if pk in tree.paths)
    if not paths:
        return []
    step = Category.steplen
    return [tree.crumbs[paths[0][:end]] for end in range(step, len(paths[0]) + 1, step)]
