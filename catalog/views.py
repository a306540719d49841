"""The catalogue as shoppers see it: every product, the products of one category, and one product's page.

These replace Oscar's haystack-backed browse views and its product page template (Oscar finds the views here through
``get_class``). Lists load what the cards need up front (ProductQuerySet.for_cards), so a page costs the same number
of queries for 10 products or 50.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalog import product_page
from catalog.pagination import CachedCountPaginator
from catalog.templatetags.product_cards import ordered_images
from ocop.queries import STAR_CHOICES, parse_stars, with_min_stars
from shop.fulfilment.shipping_policies import saved_policy, shipping_summary
from shop.partner.strategy import Offer, offer_for, seller_is_open
from storefronts.views.public import LenientPaginationMixin, initials

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


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
    approved reviews and more from the same stall, with schema.org data for search engines. What it loads, and
    why that way, is in catalog/product_page.py.

    A variant's own address leads to its parent's page, where every variant is listed with its price and its
    add-to-basket form, so there is one page per thing a shopper looks for.
    """

    template_name = "catalogue/product_detail.html"
    enforce_parent = True

    @classmethod
    def as_view(cls, **initkwargs):
        """Outside ATOMIC_REQUESTS' transaction: the page only reads (and Oscar's view counter is one UPDATE of its
        own), so BEGIN and COMMIT were two round trips a request for nothing."""
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get_queryset(self):
        return product_page.products()

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
        related = product_page.related_products(product)
        product_page.load_shown_parts(product, related)
        reviews = product_page.approved_reviews(product)
        context.update(
            images=ordered_images(product),
            offer=offer_for(product),
            variants=[Variant(child, offer_for(child)) for child in product_page.variants(product)],
            on_sale=seller_is_open(product),
            stall=stall,
            stall_initials=initials(stall.name) if stall else "",
            shipping_summary=shipping_summary(saved_policy(stall), stall.cooperative.province) if stall else [],
            breadcrumb=product_page.category_trail(product),
            reviews=reviews,
            review_count=product_page.review_count(product, reviews),
            review_permitted=product.is_review_permitted(self.request.user),
            related_products=related,
        )
        return context
