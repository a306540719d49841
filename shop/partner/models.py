from django.db import models
from django.db.models import F, Q
from oscar.apps.partner.abstract_models import AbstractStockRecord

SEARCHED_FIELDS = {"price", "num_in_stock", "num_allocated"}


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, with the database itself refusing to allocate more than is in stock.

    Checkout locks the rows and checks first (shop.fulfilment.stock); this constraint is the last line that holds
    even if some other code path forgets to.

    It also remembers what search showed of it when it was loaded (``searched_as``), so that selling a unit that
    leaves some in stock does not rewrite the product's search entry (catalog/search/signals.py).
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        if set(field_names) >= SEARCHED_FIELDS:
            record.shown_in_search = record.searched_as()
        return record

    def searched_as(self):
        """What search shows of this record: its price, and whether any of it can be bought."""
        from shop.partner.strategy import has_stock  # the policy module loads Oscar's classes, after the models

        return self.price, has_stock(self)

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True)
                | Q(num_in_stock__isnull=True)
                | Q(num_allocated__lte=F("num_in_stock")),
                name="stock_allocation_within_stock",
                violation_error_message="Allocated stock exceeds stock on hand.",
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402, F403 (Oscar's fork pattern: the other models stay vanilla)
