"""Row locks come from one helper (shop.locking): rows locked in primary-key order, re-read under the lock, and never
asked for outside a transaction, where a lock would silently mean nothing."""

from pathlib import Path

import pytest
from django.db import transaction
from oscar.core.loading import get_model

from shop.locking import LockOutsideTransaction, for_update, lock_one, lock_rows
from storefronts.models import Invitation
from tests.factories import CooperativeFactory, ProductFactory, UserFactory
from tests.shop.checkout.conftest import race

StockRecord = get_model("partner", "StockRecord")


@pytest.mark.django_db
def test_locked_rows_come_in_primary_key_order_whatever_the_query_asks():
    cooperatives = [CooperativeFactory() for _ in range(3)]

    with transaction.atomic():
        rows = lock_rows(type(cooperatives[0]).objects.order_by("-pk"))

    assert [row.pk for row in rows] == sorted(cooperative.pk for cooperative in cooperatives)


@pytest.mark.django_db
def test_a_locked_row_is_read_again_from_the_database():
    # given a product whose stock another request changed after we loaded it
    record = StockRecord.objects.get(product=ProductFactory(stock=5))
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=2)

    # when
    with transaction.atomic():
        locked = lock_one(StockRecord, record.pk)

    # then
    assert locked.num_in_stock == 2


@pytest.mark.django_db
def test_a_row_that_left_the_queryset_meanwhile_is_not_found():
    # given an invitation accepted since we loaded it
    invitation = Invitation.objects.create(
        cooperative=CooperativeFactory(), email="ban@example.vn", invited_by=UserFactory()
    )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at="2026-12-04T20:00:00Z")

    # when / then
    with transaction.atomic(), pytest.raises(Invitation.DoesNotExist):
        lock_one(Invitation.objects.filter(accepted_at__isnull=True), invitation.pk)


@pytest.mark.django_db(transaction=True)
def test_a_lock_asked_for_outside_a_transaction_is_refused_on_every_database():
    record = StockRecord.objects.get(product=ProductFactory())

    with pytest.raises(LockOutsideTransaction):
        lock_one(StockRecord, record.pk)
    with pytest.raises(LockOutsideTransaction):
        for_update(StockRecord)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_changes_of_one_row_at_the_same_instant_each_wait_their_turn_and_none_is_lost():
    # given a stock record of 0 units
    record = StockRecord.objects.get(product=ProductFactory(stock=0))

    # when twenty requests each read the count under the lock and add one
    def add_one(_i):
        with transaction.atomic():
            locked = lock_one(StockRecord, record.pk)
            locked.num_in_stock += 1
            locked.save(update_fields=["num_in_stock"])

    outcomes = race(20, add_one)

    # then
    assert outcomes == [None] * 20
    record.refresh_from_db()
    assert record.num_in_stock == 20


def test_rows_are_locked_only_through_the_one_helper():
    """Every row lock goes through shop.locking (primary-key order, refused outside a transaction)."""
    root = Path(__file__).resolve().parents[2]
    by_hand = [
        str(path.relative_to(root))
        for folder in ("shop", "catalog", "storefronts", "ocop", "themes", "translations")
        for path in (root / folder).rglob("*.py")
        if "select_for_update" in path.read_text() and path != root / "shop" / "locking.py"
    ]
    assert by_hand == []
