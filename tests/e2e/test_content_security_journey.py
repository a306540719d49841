"""In a real browser, under the Content-Security-Policy: the site's own inline scripts run (each with its page's
nonce, a kept page's too), and the browser reports no violation of the policy."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Page

from tests.e2e.helpers import log_in_to_dashboard, script_errors
from tests.factories import CategoryFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def honey(settings):
    settings.PAGE_CACHE_SECONDS = 60  # production's page cache, so the second visit gets a kept page
    cache.clear()
    yield ProductFactory(title="Mật ong rừng U Minh", category=CategoryFactory(name="Mật ong"))
    cache.clear()


def test_shopper_pages_run_their_inline_scripts_under_the_policy_even_when_kept(phone, honey):
    page = phone.new_page()
    errors = script_errors(page)

    for address in ("/vi/", honey.get_absolute_url(), "/vi/", honey.get_absolute_url()):
        page.goto(address)
        expect(page.locator("html")).to_have_class("js")  # the head's inline script swapped "no-js" for "js"
    page.goto("/vi/search/?q=mat+ong")
    expect(page.locator("details.sidebar-fold")).not_to_have_attribute("open", "")  # folded on a phone by its script

    assert errors == []


def test_staff_work_in_the_cms_and_the_dashboard_without_a_policy_violation(desktop, db):
    # The alliance's site administrator: the dashboard, and the CMS with the right to edit every page.
    staff = UserFactory(email="quantri@lienminh.vn", is_staff=True, is_superuser=True)
    page = desktop.new_page()
    errors = script_errors(page)

    page.goto("/dashboard/")
    log_in_to_dashboard(page, staff.email)
    expect(page.locator("#navbarSupportedContent, .navbar").first).to_be_visible()
    page.goto("/cms/")
    expect(page.get_by_role("heading", name=re.compile("Chợ HTX"))).to_be_visible()
    page.goto(f"/cms/pages/{Page.objects.get(depth=2).pk}/edit/")  # the home page
    expect(page.locator("form#page-edit-form")).to_be_visible()

    assert errors == []
