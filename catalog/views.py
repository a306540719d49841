"""Browsing the catalogue from the database: all products, and the products of one category.

These replace Oscar's haystack-backed browse views (Oscar finds them here through ``get_class``); the product detail
view stays Oscar's.
"""

from django import forms
from django.conf import settings
from django.db.models import Min
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class ProductSortForm(forms.Form):
    ORDERINGS = {
        "newest": ("-date_created", "-pk"),
        "price-asc": ("lowest_price", "pk"),
        "price-desc": ("-lowest_price", "-pk"),
    }
    sort_by = forms.ChoiceField(
        label=_("Sắp xếp theo"),
        required=False,
        choices=[
            ("newest", _("Mới nhất")),
            ("price-asc", _("Giá thấp đến cao")),
            ("price-desc", _("Giá cao đến thấp")),
        ],
    )

    def ordering(self):
        chosen = self.cleaned_data.get("sort_by") if self.is_valid() else None
        return self.ORDERINGS[chosen or "newest"]


class CatalogueView(ListView):
    """Every product a shopper may buy, newest first unless asked otherwise."""

    template_name = "catalogue/browse.html"
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.form = ProductSortForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_products(self):
        return Product.objects.browsable()

    def get_queryset(self):
        return (
            self.get_products()
            .for_cards()
            .annotate(lowest_price=Min("stockrecords__price"))
            .order_by(*self.form.ordering())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["summary"] = _("Tất cả sản phẩm")
        return context


class ProductCategoryView(CatalogueView):
    """The products of a category and of its subcategories."""

    template_name = "catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_products(self):
        return Product.objects.browsable().filter(categories__path__startswith=self.category.path).distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductDetailView(OscarProductDetailView):
    def is_viewable(self, product, request):
        """On sale only while public and sold by an approved stall; staff may still look at it."""
        stall = product.parent.storefront if product.is_child else product.storefront
        on_sale = product.is_public and stall is not None and stall.is_public
        return on_sale or request.user.is_staff
