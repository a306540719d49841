import pytest

from tests.factories import MembershipFactory, ShippingPolicyFactory, StorefrontFactory


@pytest.fixture
def stall(db):
    """An approved stall that has saved its shipping settings, so it may put products on sale."""
    stall = StorefrontFactory()
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def member(client, stall):
    user = MembershipFactory(cooperative=stall.cooperative).user
    client.force_login(user)
    return user
