"""The dashboard's menu opens with the union staff's own screens ("Liên minh HTX"), each shown to those who may use
it, and every link leads to its screen."""

import re

from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

STAFF_SCREENS = {
    "Tổng quan": reverse("dashboard:index"),
    "Duyệt gian hàng": reverse("storefront-review:queue"),
    "Chứng nhận OCOP": reverse("ocop-review:queue"),
    "Chuyển khoản ngân hàng": reverse("payments-dashboard:transfers"),
    "Mức độ dịch": reverse("translations-report:report"),
    "Tin tức và hướng dẫn (CMS)": reverse("wagtailadmin_home"),
}


def menu_links(html):
    """The menu's links as {label: address}."""
    nav = re.search(r'<div class="collapse navbar-collapse" id="bottom_nav_bar">(.*?)</nav>', html, re.S).group(1)
    return {
        re.sub(r"<[^>]+>", "", label).strip(): address
        for address, label in re.findall(r'<a class="dropdown-item" href="([^"]+)">(.*?)</a>', nav, re.S)
    }


def test_union_staff_find_every_staff_screen_under_the_alliance_heading(client, union_staff):
    client.force_login(union_staff)

    html = client.get(reverse("dashboard:index")).content.decode()

    assert "Liên minh HTX" in html
    links = menu_links(html)
    for label, address in STAFF_SCREENS.items():
        assert links.get(label) == address, label


def test_every_staff_screen_in_the_menu_opens_for_union_staff(client, union_staff):
    client.force_login(union_staff)

    for label, address in STAFF_SCREENS.items():
        response = client.get(address, follow=True)
        assert response.status_code == 200, label


def test_every_entry_of_the_alliance_menu_names_an_existing_screen():
    for entry in settings.UNION_STAFF_MENU:
        assert reverse(entry["url_name"]).startswith(("/dashboard/", "/cms/"))


def test_staff_see_only_the_screens_their_permissions_open(client, db):
    # given a staff member whose only task is to confirm bank transfers
    cashier = UserFactory(is_staff=True)
    cashier.user_permissions.add(Permission.objects.get(codename="confirm_transfer"))
    client.force_login(cashier)

    # when they open the transfers screen, then the alliance menu offers only that screen
    html = client.get(reverse("payments-dashboard:transfers")).content.decode()
    links = menu_links(html)
    assert links.get("Chuyển khoản ngân hàng") == STAFF_SCREENS["Chuyển khoản ngân hàng"]
    assert "Tổng quan" not in links and "Duyệt gian hàng" not in links
