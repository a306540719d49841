"""The catalogue as shoppers see it: every product, the products of one category, and one product's page.

These replace Oscar's haystack-backed browse views and its product page template (Oscar finds the views here through
``get_class``). Lists load what the cards need up front (ProductQuerySet.for_cards), so a page costs the same number
of queries for 10 products or 50.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalog.managers import attribute_values_prefetch, public_variants_prefetch
from catalog.pagination import CachedCountPaginator
from catalog.templatetags.product_cards import ordered_images
from ocop.queries import STAR_CHOICES, parse_stars, valid_certificates_prefetch, with_min_stars
from shop.fulfilment.shipping_policies import saved_policy, shipping_summary
from shop.partner.strategy import Offer, offer_for, seller_is_open
from storefronts.views.public import LenientPaginationMixin, initials

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")

RELATED_PRODUCT_COUNT = 4
REVIEWS_SHOWN = 5


class ProductSortForm(forms.Form):
    """The order of a product list; anything unknown falls back to the newest first."""

    ORDERINGS = {
        "newest": ("-date_created", "-pk"),
        "price-asc": (F("lowest_price").asc(nulls_last=True), "-date_created", "-pk"),
        "price-desc": (F("lowest_price").desc(nulls_last=True), "-date_created", "-pk"),
        "rating": (F("rating").desc(nulls_last=True), "-date_created", "-pk"),
    }
    sort_by = forms.ChoiceField(
        label=_("Sắp xếp theo"),
        required=False,
        widget=forms.Select(attrs={"class": "form-control"}),
        choices=[
            ("newest", _("Mới nhất")),
            ("price-asc", _("Giá thấp đến cao")),
            ("price-desc", _("Giá cao đến thấp")),
            ("rating", _("Đánh giá cao nhất")),
        ],
    )
    stars = forms.ChoiceField(
        label=_("Chứng nhận OCOP"),
        required=False,
        widget=forms.Select(attrs={"class": "form-control"}),
        choices=STAR_CHOICES,
    )

    @classmethod
    def from_query(cls, query):
        """The shopper's choice, or an unbound form (newest first) when the address carries an unknown value."""
        form = cls(query)
        return form if form.is_valid() else cls()

    def ordering(self):
        chosen = self.cleaned_data.get("sort_by") if self.is_bound else None
        return self.ORDERINGS[chosen or "newest"]

    def sorts_by_price(self):
        return self.is_bound and self.cleaned_data.get("sort_by") in ("price-asc", "price-desc")

    def min_stars(self):
        return parse_stars(self.cleaned_data.get("stars")) if self.is_bound else None


class CatalogueView(LenientPaginationMixin, ListView):
    """Every product a shopper may buy, newest first unless asked otherwise. A page number past the end shows the
    last page, and one that is not a number the first."""

    template_name = "catalogue/browse.html"
    context_object_name = "products"
    paginator_class = CachedCountPaginator

    def get(self, request, *args, **kwargs):
        self.form = ProductSortForm.from_query(request.GET)
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, count_key=self.count_key(), **kwargs)

    def count_key(self):
        """What decides how many products are listed: the list (the whole catalogue here) and the stars filter."""
        return f"catalogue:{self.form.min_stars()}"

    def get_products(self):
        return Product.objects.browsable()

    def get_queryset(self):
        products = self.get_products()
        if stars := self.form.min_stars():
            products = with_min_stars(products, stars)
        ordering = self.form.ordering()
        if self.form.sorts_by_price():  # the cards read their prices from the stock records; only sorting needs it
            products = products.with_lowest_price()
        return products.for_cards().order_by(*ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["summary"] = _("Tất cả sản phẩm")
        return context


class ProductCategoryView(CatalogueView):
    """The products of a category and of its subcategories. An unknown category is a 404; a known one reached
    through an outdated slug redirects to its address."""

    template_name = "catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_products(self):
        return Product.objects.browsable().in_category(self.category)

    def count_key(self):
        return f"category:{self.category.pk}:{self.form.min_stars()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


@dataclass(frozen=True)
class Variant:
    """One variant of a parent product as its page lists it: the child product and its price and stock."""

    product: Product
    offer: Offer


class ProductDetailView(OscarProductDetailView):
    """A product's page: pictures, price and stock (of each variant for a parent product), the label, the stall,
    approved reviews and more from the same stall, with schema.org data for search engines.

    A variant's own address leads to its parent's page, where every variant is listed with its price and its
    add-to-basket form, so there is one page per thing a shopper looks for.
    """

    template_name = "catalogue/product_detail.html"
    enforce_parent = True

    def get_queryset(self):
        has_class_options = Option.objects.filter(productclass=OuterRef("product_class"))
        has_own_options = Option.objects.filter(product=OuterRef("pk"))
        return (
            Product.objects.select_related(
                "storefront__cooperative__province",
                "storefront__shipping_policy",
                "product_class",
                "origin_province",
                "parent",
            )
            # Oscar's basket form asks has_options; these answer it without a query.
            .annotate(has_product_class_options=Exists(has_class_options), has_product_options=Exists(has_own_options))
            .prefetch_related(
                "stockrecords",
                "images",
                public_variants_prefetch(with_attributes=True),
                Prefetch(
                    "categories", queryset=Category.objects.browsable(), to_attr="_prefetched_browsable_categories"
                ),
            )
        )

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        product = super().get_object(queryset)
        if product.is_parent:
            # The add-to-basket form names each variant by its attributes, falling back on the parent's.
            prefetch_related_objects([product], attribute_values_prefetch("_prefetched_parent_attribute_values"))
        return product

    def is_viewable(self, product, request):
        """On sale only while public and sold by an approved stall; staff may still look at it."""
        stall = product.parent.storefront if product.is_child else product.storefront
        on_sale = product.is_public and stall is not None and stall.is_public
        return on_sale or request.user.is_staff

    def get_context_data(self, **kwargs):
        # Skips Oscar's stock-alert form and its query: this page does not offer alerts.
        context = super(OscarProductDetailView, self).get_context_data(**kwargs)
        product = self.object
        stall = product.storefront
        reviews = list(product.reviews.approved().select_related("user")[:REVIEWS_SHOWN])
        context.update(
            images=ordered_images(product),
            offer=offer_for(product),
            variants=[Variant(child, offer_for(child)) for child in product.get_public_children()],
            on_sale=seller_is_open(product),
            stall=stall,
            stall_initials=initials(stall.name) if stall else "",
            shipping_summary=shipping_summary(saved_policy(stall), stall.cooperative.province) if stall else [],
            breadcrumb_categories=self.breadcrumb_categories(product),
            reviews=reviews,
            review_count=len(reviews) if len(reviews) < REVIEWS_SHOWN else product.num_approved_reviews,
            review_permitted=product.is_review_permitted(self.request.user),
            related_products=self.related_products(product),
        )
        return context

    def breadcrumb_categories(self, product):
        categories = product.get_categories()
        return list(categories[0].get_ancestors_and_self()) if categories else []

    def related_products(self, product):
        """Up to four more products of the stall; their OCOP certificates and the product's own come in one query."""
        related = []
        if product.storefront_id is not None:
            related = list(
                Product.objects.browsable()
                .for_cards(with_certificates=False)
                .filter(storefront_id=product.storefront_id)
                .exclude(pk=product.pk)
                .order_by("-date_created", "-pk")[:RELATED_PRODUCT_COUNT]
            )
        prefetch_related_objects([product, *related], valid_certificates_prefetch())
        return related
