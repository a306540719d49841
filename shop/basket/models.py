from oscar.apps.basket.abstract_models import AbstractBasket

# What pricing, availability, the basket page and the split into one parcel per stall read from each line: its
# product, the product's class, stall with its shipping policy and province, and for a variant its parent's.
LINE_JOINS = [
    "stockrecord",
    "product__product_class",
    "product__storefront__shipping_policy",
    "product__storefront__cooperative__province",
    "product__parent__product_class",
    "product__parent__storefront__shipping_policy",
    "product__parent__storefront__cooperative__province",
]
LINE_PREFETCHES = ["attributes", "product__images", "product__stockrecords", "product__parent__images"]


class Basket(AbstractBasket):
    """Oscar's basket, whose lines come with everything checkout reads of them in one query (and four for the
    lines' options, pictures and stock records), however many lines from however many stalls. Oscar's own
    ``all_lines`` joins only the product and stock record, so each page of the checkout then loaded the stalls,
    their shipping policies, cooperatives and provinces one relation at a time (seven more queries a page)."""

    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                self.lines.select_related(*LINE_JOINS).prefetch_related(*LINE_PREFETCHES).order_by(self._meta.pk.name)
            )
        return self._lines


from oscar.apps.basket.models import *  # noqa: E402, F403 (Oscar's fork pattern: its Line and LineAttribute)
