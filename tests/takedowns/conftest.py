import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.partner.strategy import Default
from tests.factories import MembershipFactory, ProductFactory, ReportFactory, StorefrontFactory, UserFactory

Basket = get_model("basket", "Basket")


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Mật ong U Minh Hạ")


@pytest.fixture
def owner(stall):
    return MembershipFactory(cooperative=stall.cooperative, user__email="chunhiem@htx-uminh.vn").user


@pytest.fixture
def product(stall):
    return ProductFactory(storefront=stall, title="Mật ong rừng tràm 500 ml")


@pytest.fixture
def other_member(db):
    return MembershipFactory(cooperative=StorefrontFactory().cooperative).user


@pytest.fixture
def buyer(db):
    return UserFactory(email="nguoimua@example.vn")


@pytest.fixture
def reported(product):
    """The product, reported once as counterfeit: an open case."""
    return ReportFactory(takedown__product=product).takedown


def basket_with(user, *products):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, 1)
    return basket


def decide_url(takedown, action):
    return reverse("takedown-review:decide", kwargs={"pk": takedown.pk, "action": action})


def detail_url(takedown):
    return reverse("takedown-review:detail", kwargs={"pk": takedown.pk})


def member_url(takedown):
    return reverse("takedowns:member-detail", kwargs={"pk": takedown.pk})
