"""A two-stall order placed through the real checkout by a signed-in buyer, its honey part shipped and delivered by
the stall, and the people of the permission matrix. The stalls, products and owners are the checkout tests'
fixtures; the card fixtures (localstripe) are the payment tests'."""

import io

import pytest
from django.test import Client
from oscar.core.loading import get_model
from PIL import Image

from shop.complaints import workflow
from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from tests.conftest import make_union_staff
from tests.factories import MembershipFactory, StorefrontFactory, UserFactory

# Fixtures found by pytest through this import (hence the noqa F401).
from tests.shop.payments.conftest import (  # noqa: F401
    add_to_basket,
    card_order,
    check_out,
    honey,
    honey_owner,
    honey_stall,
    localstripe,
    localstripe_url,
    paid_card_order,
    tea,
    tea_owner,
    tea_stall,
)

Order = get_model("order", "Order")


@pytest.fixture
def buyer(db):
    return UserFactory(email="lan@example.vn", first_name="Lan")


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    return client


def deliver(stall_order, member):
    services.confirm_stall_order(stall_order, member)
    services.ship_stall_order(stall_order, member, "GHN-8421")
    return services.deliver_stall_order(stall_order, member, cash_collected=True)


@pytest.fixture
def order(buyer_client, honey, tea, honey_owner, tea_owner, django_capture_on_commit_callbacks):  # noqa: F811
    """Lan's cash-on-delivery order of 2 honey and 1 tea; the honey stall has delivered its part."""
    add_to_basket(buyer_client, honey, 2)
    add_to_basket(buyer_client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        check_out(buyer_client, [honey.storefront, tea.storefront], method="cod")
    placed = Order.objects.get()
    deliver(StallOrder.objects.get(order=placed, storefront=honey.storefront), honey_owner)
    return placed


@pytest.fixture
def honey_part(order, honey_stall):  # noqa: F811
    return StallOrder.objects.get(order=order, storefront=honey_stall)


@pytest.fixture
def complaint(honey_part, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return workflow.open_complaint(
            honey_part, buyer, "damaged", "refund", "Hũ mật ong bị vỡ <b>nắp</b>.", [jpeg_file("vo.jpg")]
        )


@pytest.fixture
def staff(db):
    return make_union_staff(email="canbo@lienminhhtx.example.vn")


@pytest.fixture
def other_member(db):
    return MembershipFactory(cooperative=StorefrontFactory().cooperative).user


@pytest.fixture
def other_buyer(db):
    return UserFactory(email="nguoi.khac@example.vn")


def jpeg_file(name="anh.jpg", colour="orange"):
    from django.core.files.base import ContentFile

    return ContentFile(jpeg_bytes(colour), name=name)


def jpeg_bytes(colour="orange"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return buffer.getvalue()
