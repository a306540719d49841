"""Content-Security-Policy and Permissions-Policy under the production settings (issue 18, item 7): the site's own
inline scripts run with the nonce the header names, nothing else inline runs, the staff tools keep working, and
cameras, microphones and locations are off."""

import re
import subprocess
import sys
from pathlib import Path

import oscar
import pytest
from django.core.cache import cache
from django.template.loader import get_template
from django.test import Client

from shop.cache import HIT_HEADER
from tests.catalog.test_consumer_pages import url_of
from tests.factories import CategoryFactory, ProductFactory, UserFactory
from tests.shop.test_settings import PRODUCTION, ROOT
from themes.css_vocabulary import OSCAR_CUSTOMER_TEMPLATES

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>")
NONCE_ATTRIBUTE = re.compile(r'\bnonce="([^"]+)"')


def directives(response):
    """{directive: [sources]} of the response's Content-Security-Policy header."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def inline_script_nonces(response):
    """The nonce of each inline <script> of the page (None for one without); data blocks (JSON-LD) never run."""
    found = []
    for attributes in INLINE_SCRIPT.findall(response.content.decode()):
        if 'type="application/' in attributes:
            continue
        nonce = NONCE_ATTRIBUTE.search(attributes)
        found.append(nonce.group(1) if nonce else None)
    return found


def assert_inline_scripts_run(response):
    policy = directives(response)
    nonces = inline_script_nonces(response)
    assert nonces, "the page has inline scripts"
    assert len(set(nonces)) == 1 and None not in nonces, nonces
    assert f"'nonce-{nonces[0]}'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]


@pytest.fixture(autouse=True)
def production(settings):
    """What production changes for these pages: DEBUG off and the anonymous page cache on (60 s)."""
    settings.DEBUG = False
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def honey(db):
    return ProductFactory(title="Mật ong rừng U Minh", category=CategoryFactory(name="Mật ong"))


def test_home_page_runs_only_the_inline_scripts_carrying_the_nonce_of_its_header(client, honey):
    response = client.get("/vi/")

    assert response.status_code == 200
    assert_inline_scripts_run(response)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_product_page_scripts_carry_the_nonce_of_its_header(client, honey, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = client.get(url_of(honey))

    assert response.status_code == 200
    assert_inline_scripts_run(response)


def test_search_page_suggestion_script_carries_the_nonce(client, honey):
    response = client.get("/vi/search/", {"q": "mật ong"})

    assert response.status_code == 200
    assert_inline_scripts_run(response)
    assert len(inline_script_nonces(response)) >= 3  # the page's two, the sidebar's and the search box's


def test_every_visitor_of_a_kept_page_gets_a_fresh_nonce_matching_its_header(honey):
    first = Client().get(url_of(honey))

    again = Client().get(url_of(honey))

    assert again[HIT_HEADER] == "hit"
    assert_inline_scripts_run(again)
    assert inline_script_nonces(again)[0] != inline_script_nonces(first)[0]
    assert "csp-nonce" not in again.content.decode()


def test_no_page_allows_stripe_js_except_the_card_payment_page(client, honey):
    response = client.get(url_of(honey))

    assert "js.stripe.com" not in response["Content-Security-Policy"]


def test_forms_may_post_only_to_the_site_and_to_vnpay_where_placing_an_order_redirects(client, settings, honey):
    settings.VNPAY_PAYMENT_URL = "https://pay.vnpay.vn/vpcpay.html"

    response = client.get("/vi/")

    assert directives(response)["form-action"] == ["'self'", "https://pay.vnpay.vn"]


def test_pictures_served_from_a_media_domain_are_allowed(client, settings, honey):
    settings.MEDIA_URL = "https://media.chohtx.vn/media/"
    settings.CSP_MEDIA_ORIGINS = ["https://cdn.chohtx.vn"]

    response = client.get("/vi/")

    assert directives(response)["img-src"] == [
        "'self'",
        "data:",
        "https://media.chohtx.vn",
        "https://cdn.chohtx.vn",
    ]


def test_complaint_photos_may_come_from_the_private_bucket_they_redirect_to(client, settings, honey):
    settings.AWS_PRIVATE_BUCKET_NAME = "chohtx-docs"

    response = client.get("/vi/")

    assert "https://chohtx-docs.s3.amazonaws.com" in directives(response)["img-src"]


@pytest.mark.parametrize("address", ["/cms/login/", "/dashboard/login/"])
def test_staff_tools_run_their_vendors_inline_scripts_but_nothing_from_elsewhere(client, db, address):
    response = client.get(address)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]  # no nonce: it would switch 'unsafe-inline' off
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_every_page_switches_off_camera_microphone_and_location(client, honey):
    response = client.get("/vi/")

    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", 'payment=(self "https://js.stripe.com")'):
        assert feature in permissions


def test_production_settings_send_both_headers():
    script = (
        "from django.test import Client; "
        "r = Client().get('/healthz', secure=True); "
        "print(r['Content-Security-Policy']); print(r['Permissions-Policy'])"
    )
    environment = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **PRODUCTION}

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "default-src 'self'" in result.stdout
    assert "object-src 'none'" in result.stdout
    assert "camera=()" in result.stdout


@pytest.mark.parametrize(
    ("address", "cancel"),
    [("/vi/accounts/profile/edit/", "/vi/accounts/"), ("/vi/accounts/wishlists/create/", "/vi/accounts/wishlists/")],
)
def test_account_forms_cancel_with_a_plain_link_the_policy_lets_work(client, db, address, cancel):
    client.force_login(UserFactory())

    response = client.get(address)

    assert response.status_code == 200
    assert "onclick=" not in response.content.decode()
    assert f'href="{cancel}"' in response.content.decode()


def test_the_not_found_page_runs_its_scripts_under_the_policy_too(client, db):
    response = client.get("/vi/catalogue/khong-co-san-pham-nay_999999/")

    assert response.status_code == 404
    assert_inline_scripts_run(response)


def test_every_inline_script_the_site_renders_carries_the_nonce_and_none_uses_an_event_attribute():
    """Our templates, and Oscar's customer templates as the site resolves them (ours where we override one)."""
    ours = [
        path
        for folder in ("catalog", "ocop", "shop", "storefronts", "themes", "translations")
        for path in (ROOT / folder).rglob("templates/**/*.html")
    ]
    oscar_root = Path(oscar.__file__).parent / "templates"
    oscar_names = [
        str(path.relative_to(oscar_root))
        for name in OSCAR_CUSTOMER_TEMPLATES
        if name != "oscar/500.html"  # never rendered: the site's 500.html is its own standalone page
        for path in ((oscar_root / name).rglob("*.html") if name.endswith("/") else [oscar_root / name])
    ]
    templates = ours + [Path(get_template(name).origin.name) for name in oscar_names]
    without_nonce, handlers = set(), set()

    for path in templates:
        text = path.read_text()
        for attributes in INLINE_SCRIPT.findall(text):
            if 'type="application/' not in attributes and 'nonce="{{ request.csp_nonce }}"' not in attributes:
                without_nonce.add(path.name)
        if re.search(r"<[a-z][^>]*\son[a-z]+=", text):
            handlers.add(path.name)

    assert len(templates) > 100
    assert without_nonce == set(), 'add nonce="{{ request.csp_nonce }}" to these inline scripts'
    assert handlers == set(), "the policy runs no onclick= / onchange= ...: use site.js or a nonced script"
