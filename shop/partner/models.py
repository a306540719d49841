from django.db import models
from django.db.models import F, Q
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, with the database itself refusing to allocate more than is in stock.

    Checkout locks the rows and checks first (shop.fulfilment.stock); this constraint is the last line that holds
    even if some other code path forgets to.
    """

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
