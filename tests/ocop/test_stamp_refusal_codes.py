"""What the stamp and batch services refuse carries a code beside the member's message (ocop.stamps.StampErrorCode),
so that a program (a form, a test, an API) can tell the rules apart without reading Vietnamese."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ocop import stamps
from ocop.models import Batch
from tests.factories import ProductFactory

Code = stamps.StampErrorCode


@pytest.fixture
def honey(db):
    return ProductFactory(title="Mật ong rừng U Minh")


def make_batch(product, quantity):
    return Batch.objects.create(
        product=product, lot_code="L2025-01", quantity=quantity, production_date=date(2025, 3, 1)
    )


@pytest.mark.parametrize(
    ("count", "code"),
    [(0, Code.COUNT_TOO_SMALL), (10_001, Code.TOO_MANY_AT_ONCE), (31, Code.OVER_ALLOWANCE)],
)
def test_each_refused_stamp_request_says_which_rule_it_broke(honey, count, code):
    batch = make_batch(honey, quantity=3)

    with pytest.raises(stamps.StampsRefused) as refused:
        stamps.generate_stamps(batch, count)

    assert refused.value.code == code
    assert refused.value.message
    assert not batch.stamps.exists()


def test_a_refused_batch_names_each_broken_rule_by_field_and_code(honey):
    make_batch(honey, quantity=100)

    with pytest.raises(ValidationError) as refused:
        stamps.create_batch(
            honey, lot_code="l2025-01", production_date=timezone.localdate() + timedelta(days=1), quantity=0
        )

    codes = {field: [error.code for error in errors] for field, errors in refused.value.error_dict.items()}
    assert Code.LOT_CODE_TAKEN in codes["lot_code"]
    assert Code.FUTURE_PRODUCTION_DATE in codes["production_date"]
    assert Code.QUANTITY_TOO_SMALL in codes["quantity"]
    assert Batch.objects.count() == 1
