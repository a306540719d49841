"""Products of cooperative goods: Oscar's catalogue models, each product tied to the one stall that sells it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from catalog.managers import ProductQuerySet


class Product(AbstractProduct):
    storefront = models.ForeignKey(
        "storefronts.Storefront",
        verbose_name=_("Gian hàng"),
        related_name="products",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Gian hàng bán sản phẩm này. Sản phẩm con (biến thể) thuộc gian hàng của sản phẩm cha."),
    )
    unit = models.CharField(_("Đơn vị / quy cách"), max_length=64, blank=True, help_text=_("Ví dụ: hũ 500 ml"))

    objects = ProductQuerySet.as_manager()


from oscar.apps.catalogue.models import *  # noqa: E402, F403 (Oscar's fork pattern: the rest stay vanilla)
