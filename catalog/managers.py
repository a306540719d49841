"""Which products a shopper may see: public ones sold by a stall that is approved (and so not suspended)."""

from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

APPROVED = "approved"  # storefronts.models.Storefront.Status.APPROVED, without importing a model at load time


class ProductQuerySet(OscarProductQuerySet):
    def public(self):
        return super().public().filter(storefront__status=APPROVED)

    def browsable(self):
        return super().browsable().filter(storefront__status=APPROVED)

    def for_cards(self):
        """What a product card needs (stall, province, price, first image) in a fixed number of queries."""
        return self.select_related("storefront__cooperative__province", "product_class").prefetch_related(
            "stockrecords", "images", "product_options", "product_class__options"
        )
