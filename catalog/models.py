"""Products of cooperative goods: Oscar's catalogue models, each product tied to the one stall that sells it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage

from catalog.managers import ProductQuerySet
from shop.uploads import thumbnails


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
    # What Vietnamese labelling rules (Nghị định 43/2017, 111/2021) ask a package to say, and a buyer looks for.
    net_quantity = models.CharField(
        _("Khối lượng / thể tích tịnh"), max_length=32, blank=True, help_text=_("Ví dụ: 500 g, 750 ml")
    )
    origin_province = models.ForeignKey(
        "storefronts.Province",
        verbose_name=_("Xuất xứ (tỉnh / thành phố)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_area = models.CharField(
        _("Vùng nguyên liệu"), max_length=200, blank=True, help_text=_("Ví dụ: rừng tràm U Minh Hạ, xã Khánh An")
    )
    ingredients = models.TextField(_("Thành phần"), blank=True)
    shelf_life = models.CharField(
        _("Hạn sử dụng"), max_length=100, blank=True, help_text=_("Ví dụ: 24 tháng kể từ ngày sản xuất")
    )
    storage_instructions = models.TextField(_("Hướng dẫn bảo quản"), blank=True)
    manufacturer = models.CharField(
        _("Cơ sở sản xuất"), max_length=200, blank=True, help_text=_("Để trống nếu chính hợp tác xã sản xuất.")
    )
    certifications = models.TextField(
        _("Chứng nhận khác"), blank=True, help_text=_("Mỗi dòng một chứng nhận, ví dụ VietGAP, hữu cơ, HACCP.")
    )
    low_stock_threshold = models.PositiveIntegerField(
        _("Báo sắp hết hàng khi còn"),
        null=True,
        blank=True,
        help_text=_("Số đơn vị còn lại mà từ đó trang gian hàng báo sắp hết hàng. Để trống để dùng mức chung."),
    )

    objects = ProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        indexes = [
            # Counting a category or stall reads only this (an index-only scan on PostgreSQL) instead of every
            # product row with its descriptions in three languages: 108 → 37 ms for 26,000 of 100,000 products.
            models.Index(
                fields=["id"],
                include=["storefront"],
                condition=models.Q(is_public=True, parent=None),
                name="catalogue_product_listed",
            ),
        ]

    def maker(self):
        """Who made it, as the label says: the named producer, or else the cooperative behind the stall."""
        if self.manufacturer:
            return self.manufacturer
        return self.storefront.cooperative.name if self.storefront_id else ""

    def certification_list(self):
        return [line.strip() for line in self.certifications.splitlines() if line.strip()]

    def ocop_certificate(self):
        """The valid OCOP certificate with the most stars, or None. Lists prefetch ``valid_ocop_certificates``
        (see ProductQuerySet.for_cards) so this costs no query per product; a variant shows its parent's."""
        if self.is_child:
            return self.parent.ocop_certificate()
        certificates = getattr(self, "valid_ocop_certificates", None)
        if certificates is None:
            certificates = list(self.ocop_certificates.valid())
        return max(certificates, key=lambda certificate: certificate.stars, default=None)


class ProductImage(AbstractProductImage):
    """A product picture, stored once; its WebP thumbnails are made when it is saved (see shop/uploads/thumbnails.py)."""

    def save(self, *args, **kwargs):
        new_picture = bool(self.original) and not self.original._committed
        super().save(*args, **kwargs)
        if new_picture:
            thumbnails.make_thumbnails(self.original)

    def delete(self, *args, **kwargs):
        name = self.original.name
        super().delete(*args, **kwargs)
        thumbnails.delete_thumbnails(name)

    def thumbnail_url(self, width=320):
        return thumbnails.thumbnail_url(self.original.name, width)

    def srcset(self):
        return ", ".join(f"{thumbnails.thumbnail_url(self.original.name, w)} {w}w" for w in thumbnails.WIDTHS)


from oscar.apps.catalogue.models import *  # noqa: E402, F403 (Oscar's fork pattern: the rest stay vanilla)

from catalog.imports import ProductImport  # noqa: E402, F401
from catalog.search.models import SearchEntry  # noqa: E402, F401 (the database search backend's index)
