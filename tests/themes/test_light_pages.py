"""Light pages (issue 9): a shopper's phone downloads at most 100 KB of HTML, CSS and JavaScript (gzipped) for any page,
with no jQuery, no Bootstrap and no Oscar ui.js; Oscar's staff dashboard, which needs them, keeps them."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from tests.conftest import make_union_staff
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    StorefrontFactory,
    UserFactory,
    VerifiedOcopCertificateFactory,
)
from tests.shop.checkout.conftest import add_to_basket

BUDGET = 100 * 1024
HEAVY_ASSETS = ("jquery", "bootstrap", "oscar/js/oscar/ui.js", "oscar/css/styles.css")
LINKED = re.compile(r"""<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)\"""")


@pytest.fixture
def shop(db):
    """A stall with a certified product in a category, so every part of the customer pages is drawn."""
    stall = StorefrontFactory(name="Mật ong U Minh", slug="mat-ong-u-minh")
    honey = ProductFactory(title="Mật ong rừng U Minh", storefront=stall, category=CategoryFactory(name="Mật ong"))
    VerifiedOcopCertificateFactory.of(honey, stars=4)
    return honey


def customer_pages(product):
    stall = product.storefront
    category = product.get_categories().first()
    return {
        "home": "/vi/",
        "category": category.get_absolute_url(),
        "product": product.get_absolute_url(),
        "stall": stall.get_absolute_url(),
        "search": "/vi/search/?q=mat+ong",
        "basket": "/vi/basket/",
        "login": "/vi/accounts/login/",
    }


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def linked_assets(html):
    """The addresses of the stylesheets and scripts a page links."""
    return LINKED.findall(html)


def local_file(url):
    """The file behind a /static/ address, found as the static files finders find it."""
    static_url = static("")
    assert url.startswith(static_url), f"{url} is not one of the site's static files"
    path = finders.find(url[len(static_url) :].split("?")[0])
    assert path, url
    with open(path, "rb") as handle:
        return handle.read()


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6))


def page_weight(html):
    """Bytes a first visit downloads for the page's HTML, CSS and JS, each gzipped on its own as a server sends it."""
    return gzipped_size(html.encode()) + sum(gzipped_size(local_file(url)) for url in linked_assets(html))


def test_customer_pages_load_no_jquery_bootstrap_or_oscar_ui_script(client, shop):
    add_to_basket(client, shop)  # the basket page with a line: its remove / save links are the site's own script's
    for name, url in customer_pages(shop).items():
        html = html_of(client, url)
        assets = linked_assets(html)
        assert not [asset for asset in assets if any(heavy in asset for heavy in HEAVY_ASSETS)], name
        assert static("themes/site.css") in assets and static("themes/site.js") in assets, name
        assert "oscar.init" not in html and "$(" not in html, name


def test_a_signed_in_customers_account_pages_are_light_too(client, shop):
    client.force_login(UserFactory())
    for url in ("/vi/accounts/", "/vi/accounts/orders/", "/vi/accounts/addresses/", "/vi/accounts/wishlists/"):
        html = html_of(client, client.get(url, follow=True).request["PATH_INFO"])
        assert not [asset for asset in linked_assets(html) if any(heavy in asset for heavy in HEAVY_ASSETS)], url
        assert "oscar." not in re.sub(r"<script[^>]*src=[^>]*>", "", html), url


def test_the_staff_dashboard_keeps_jquery_and_bootstrap(client, db):
    client.force_login(make_union_staff())
    html = html_of(client, "/dashboard/")
    assets = linked_assets(html)
    assert any("jquery" in asset for asset in assets)
    assert any("bootstrap" in asset for asset in assets)
    assert static("oscar/js/oscar/ui.js") in assets
    assert static("themes/site.css") not in assets


@pytest.mark.parametrize("name", ["home", "category", "product", "stall", "search"])
def test_a_page_costs_a_phone_under_100_kb_of_html_css_and_js(client, shop, name):
    html = html_of(client, customer_pages(shop)[name])
    assert page_weight(html) < BUDGET


def test_the_sites_own_stylesheet_and_script_stay_small():
    assert gzipped_size(local_file(static("themes/site.css"))) < 12 * 1024
    assert gzipped_size(local_file(static("themes/site.js"))) < 2 * 1024


def test_the_phone_menu_button_names_and_controls_the_menu(client, shop):
    html = html_of(client, "/vi/")
    button = re.search(r'<button class="navbar-toggler"[^>]*>', html).group(0)
    assert 'aria-label="Mở / đóng menu"' in button
    assert 'aria-controls="navbarSupportedContent"' in button and 'aria-expanded="false"' in button
    assert 'id="navbarSupportedContent"' in html
    assert '<html lang="vi" class="no-js">' in html  # the menu is shown when no script runs


def test_the_basket_is_a_plain_link_with_the_number_of_items_and_the_total(client, shop):
    add_to_basket(client, shop, 2)
    html = html_of(client, "/vi/")
    link = re.search(r'<a id="basket-link"[^>]*>(.*?)</a>', html, re.S)
    assert link and 'href="/vi/basket/"' in link.group(0)
    assert "Giỏ hàng (2)" in link.group(1) and "370.000" in link.group(1)
    assert "dropdown" not in link.group(0)
