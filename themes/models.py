"""Wagtail pages of the site. The home page shows the marketplace: its categories and newest products."""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Page

HOME_PRODUCT_COUNT = 12


class HomePage(Page):
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        Category = get_model("catalogue", "Category")
        context["categories"] = Category.get_root_nodes().filter(is_public=True)
        Product = get_model("catalogue", "Product")
        context["products"] = Product.objects.browsable().for_cards().order_by("-date_created")[:HOME_PRODUCT_COUNT]
        return context
