"""The stall home (/<lang>/my-stall/) as a seller centre: what needs doing now, each with its link, and every tool,
never Oscar's dashboard."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.fulfilment import services
from tests.factories import (
    MembershipFactory,
    OcopCertificateFactory,
    ProductFactory,
    StorefrontFactory,
    UserFactory,
    VerifiedOcopCertificateFactory,
)
from tests.shop.checkout.conftest import add_to_basket, check_out

HOME = "/vi/my-stall/"


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Mật ong U Minh")


@pytest.fixture
def member(stall):
    return MembershipFactory(cooperative=stall.cooperative).user


@pytest.fixture
def home(member):
    def open_home():
        browser = Client()
        browser.force_login(member)
        response = browser.get(HOME)
        assert response.status_code == 200
        return response.content.decode()

    return open_home


def order_from(product, method="cod"):
    buyer = Client()
    add_to_basket(buyer, product)
    check_out(buyer, [product.storefront], method=method)
    return product.storefront.stall_orders.order_by("-pk").first()


def test_the_home_lists_what_needs_doing_now_each_with_its_link(home, stall, member):
    honey = ProductFactory(storefront=stall, title="Mật ong rừng U Minh", stock=40)
    nearly_gone = ProductFactory(storefront=stall, title="Sáp ong", stock=3)
    ProductFactory(storefront=stall, title="Phấn hoa (bản nháp)", is_public=False)
    VerifiedOcopCertificateFactory.of(honey, stars=4, expiry_date=timezone.localdate() + timedelta(days=12))
    OcopCertificateFactory.of(nearly_gone, stars=3, status="rejected")
    order_from(honey)
    to_ship = order_from(honey)
    services.confirm_stall_order(to_ship, member)

    page = home()

    assert 'href="/vi/my-stall/orders/?status=pending"' in page
    assert 'href="/vi/my-stall/orders/?status=confirmed"' in page
    assert 'href="/vi/my-stall/orders/?payment=cod"' in page
    for key in ("confirm", "ship", "collect", "low-stock", "drafts", "refused", "expiring"):
        assert f'id="task-{key}"' in page, key
    assert "Sáp ong</a>: còn 3" in page
    assert "Phấn hoa (bản nháp)" in page
    expiry = (timezone.localdate() + timedelta(days=12)).strftime("%d/%m/%Y")
    assert f"hết hạn {expiry}" in page
    assert "Bị từ chối" in page


def test_cash_to_collect_sums_the_stalls_own_cash_on_delivery_parts(home, stall, member):
    honey = ProductFactory(storefront=stall, stock__price=185_000)
    first, second = order_from(honey), order_from(honey)
    for part in (first, second):
        services.confirm_stall_order(part, member)

    page = home()

    total = f"{first.total + second.total:,}".replace(",", ".")
    assert f"<strong>{total}" in page


def test_low_stock_follows_the_threshold_in_settings(home, stall, settings):
    ProductFactory(storefront=stall, title="Còn năm hũ", stock=5)
    ProductFactory(storefront=stall, title="Còn sáu hũ", stock=6)

    by_default = home()
    settings.LOW_STOCK_THRESHOLD = 10
    raised = home()

    assert "Còn năm hũ" in by_default and "Còn sáu hũ" not in by_default
    assert "Còn năm hũ" in raised and "Còn sáu hũ" in raised


def test_the_orders_button_opens_the_stall_desk_and_no_link_leads_to_the_dashboard(home):
    page = home()

    assert 'id="tool-orders" href="/vi/my-stall/orders/"' in page
    for tool in ("products", "import", "ocop", "batches", "appearance", "translations"):
        assert f'id="tool-{tool}"' in page, tool
    assert "/dashboard/" not in page


def test_tools_whose_screens_are_not_installed_are_left_out(home):
    page = home()

    installed = {name: _resolves(name) for name in ("storefronts:shipping-settings", "storefronts:sales-figures")}
    assert ('id="tool-shipping"' in page) == installed["storefronts:shipping-settings"]
    assert ('id="tool-figures"' in page) == installed["storefronts:sales-figures"]


def _resolves(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_a_stall_with_nothing_to_do_says_so(home, stall):
    ProductFactory(storefront=stall, stock=50)

    page = home()

    assert 'id="no-tasks"' in page


def test_a_stall_not_yet_open_has_its_application_not_the_seller_centre(db):
    draft = StorefrontFactory(partner=None, status="draft")
    applicant = MembershipFactory(cooperative=draft.cooperative).user
    browser = Client()
    browser.force_login(applicant)

    page = browser.get(HOME).content.decode()

    assert 'id="seller-centre"' not in page
    assert "Các bước của hồ sơ" in page


def test_the_data_migration_takes_dashboard_access_back_from_members_only(stall, member):
    access = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    partner_user = UserFactory(email="doitac@example.vn")
    member.user_permissions.add(access)
    partner_user.user_permissions.add(access)
    migration = importlib.import_module("storefronts.migrations.0005_take_back_dashboard_access")

    migration.take_back_dashboard_access(apps, None)

    assert not type(member).objects.get(pk=member.pk).has_perm("partner.dashboard_access")
    assert type(partner_user).objects.get(pk=partner_user.pk).has_perm("partner.dashboard_access")
