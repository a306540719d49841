"""Two stalls in different regions with products, a basket filled through the real add-to-basket form, checkout
helpers that post the real forms."""

import threading

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from storefronts.models import Province
from tests.factories import CooperativeFactory, MembershipFactory, ProductFactory, StorefrontFactory

StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def honey_stall(db):
    """A stall in Cà Mau (the South)."""
    cooperative = CooperativeFactory(province=Province.objects.get(slug="ca-mau"))
    return StorefrontFactory(cooperative=cooperative, name="Mật ong U Minh")


@pytest.fixture
def tea_stall(db):
    """A stall in Lào Cai (the North)."""
    cooperative = CooperativeFactory(province=Province.objects.get(slug="lao-cai"))
    return StorefrontFactory(cooperative=cooperative, name="Chè Shan tuyết Sa Pa")


@pytest.fixture
def honey(honey_stall):
    return ProductFactory(title="Mật ong rừng U Minh", storefront=honey_stall, stock__price=185000, stock=10)


@pytest.fixture
def tea(tea_stall):
    return ProductFactory(title="Trà Shan tuyết cổ thụ", storefront=tea_stall, stock__price=240000, stock=5)


@pytest.fixture
def honey_owner(honey_stall):
    return MembershipFactory(cooperative=honey_stall.cooperative, user__email="chu.mat.ong@example.vn").user


@pytest.fixture
def tea_owner(tea_stall):
    return MembershipFactory(cooperative=tea_stall.cooperative, user__email="chu.tra@example.vn", language="en").user


def add_to_basket(client, product, quantity=1):
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, HTTP_REFERER="/vi/"
    )
    assert response.status_code == 302
    return response


def address(**overrides):
    """A buyer in Hà Nội (the North)."""
    data = {
        "name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "country": "VN",
        "province": Province.objects.get(slug="hanoi").pk,
        "commune": "Phường Hoàn Kiếm",
        "street": "12 Hàng Bạc",
        "method": "cod",
    }
    data.update(overrides)
    return data


# A buyer in Tokyo: an address abroad takes a city and a postcode; cash on delivery is for addresses in Vietnam.
IN_TOKYO = {
    "country": "JP",
    "province": "",
    "commune": "",
    "street": "1-2-3 Shibuya",
    "city": "Tokyo",
    "postcode": "150-0002",
    "phone": "+81 3 1234 5678",
    "method": "bank_transfer",  # cash on delivery is for addresses in Vietnam
}


def shipping_choices(*stalls, choice="delivery"):
    return {f"shipping_{stall.pk}": choice for stall in stalls}


def checkout_form(stalls, **overrides):
    form = {**address(**overrides), **shipping_choices(*stalls)}
    form.update({k: v for k, v in overrides.items() if k.startswith("shipping_")})
    return form


def fill_in_checkout(client, stalls, **overrides):
    """Post the checkout form (without placing the order); returns the response."""
    return client.post(reverse("fulfilment:checkout"), checkout_form(stalls, **overrides))


def check_out(client, stalls, **overrides):
    """Fill the checkout form and place the order; returns the response to "Đặt hàng"."""
    response = fill_in_checkout(client, stalls, **overrides)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.post(reverse("fulfilment:review"))


def set_stock(product, num_in_stock):
    StockRecord.objects.filter(product=product).update(num_in_stock=num_in_stock)


def stock_of(product):
    """(num_in_stock, num_allocated) of the product's stock record, fresh from the database."""
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated or 0


def race(count, action):
    """Run ``action(i)`` for i in range(count), each in its own thread and database connection, all released at once.

    Returns, in order, what each call returned or the exception it raised.
    """
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(i):
        try:
            with translation.override("vi"):
                barrier.wait(timeout=60)
                outcomes[i] = action(i)
        except Exception as error:  # the outcome under test: kept, asserted by the caller
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a buyer is still waiting: a lock was never released"
    return outcomes
