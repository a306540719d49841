"""The complaint tests' order, people and card fixtures (tests/complaints/conftest.py)."""

import pytest
from django.test import Client

from tests.complaints.conftest import (  # noqa: F401
    add_to_basket,
    buyer,
    buyer_client,
    card_order,
    honey,
    honey_owner,
    honey_part,
    honey_stall,
    localstripe,
    localstripe_url,
    order,
    paid_card_order,
    staff,
    tea,
    tea_owner,
    tea_stall,
)


@pytest.fixture
def staff_client(staff):  # noqa: F811
    client = Client()
    client.force_login(staff)
    return client
