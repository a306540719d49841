"""A guest finds their order again from another browser with its number and the e-mail they gave at checkout."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.fulfilment import lookup_limits
from tests.factories import UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")
NOT_FOUND = "Không tìm thấy đơn hàng với mã và thư điện tử này."
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
SCRIPT_NONCE = re.compile(r'nonce="[^"]*"')
UNAVAILABLE_PAGE_QUERIES = 14  # as the order page, plus the redirect and flat-page lookups every 404 makes


@pytest.fixture
def order(client, honey):
    """A guest's order, placed as lan@example.vn."""
    add_to_basket(client, honey)
    check_out(client, [honey.storefront])
    return Order.objects.get()


def look_up(client, number, email):
    return client.post(reverse("fulfilment:lookup"), {"number": number, "email": email})


def test_the_right_number_and_email_in_any_case_show_the_order_in_another_browser(order):
    browser = Client()

    response = look_up(browser, f" {order.number} ", "LAN@Example.VN")

    order_url = reverse("fulfilment:order", kwargs={"number": order.number})
    assert response.status_code == 302
    assert response.url == order_url
    page = browser.get(order_url)
    assert page.status_code == 200
    assert "Mật ong rừng U Minh" in page.content.decode()


@pytest.mark.parametrize(
    ("number", "email"),
    [(None, "someone.else@example.vn"), ("999999", "lan@example.vn")],
    ids=["wrong-email", "unknown-number"],
)
def test_a_wrong_email_or_unknown_number_gets_the_same_message_and_no_order(order, number, email):
    browser = Client()

    response = look_up(browser, number or order.number, email)

    assert response.status_code == 400
    page = response.content.decode()
    assert NOT_FOUND in page
    assert "Mật ong rừng U Minh" not in page
    assert browser.get(reverse("fulfilment:order", kwargs={"number": order.number})).status_code == 404


def test_a_signed_in_buyers_order_opened_while_signed_out_offers_to_sign_in_and_shows_nothing(honey):
    buyer = UserFactory(email="lan@example.vn")
    shopping = Client()
    shopping.force_login(buyer)
    add_to_basket(shopping, honey)
    check_out(shopping, [honey.storefront])
    order_url = reverse("fulfilment:order", kwargs={"number": Order.objects.get().number})

    response = Client().get(order_url)

    assert response.status_code == 404
    page = response.content.decode()
    assert f"{reverse('customer:login')}?next={quote(order_url)}" in page
    assert "Mật ong rừng U Minh" not in page and "Hàng Bạc" not in page
    later = Client()
    later.force_login(buyer)
    assert "Mật ong rừng U Minh" in later.get(order_url).content.decode()


# --- Someone else's order and no order look the same -----------------------------------------------------------------


def without_csrf_tokens(response):
    """The page as a person reads it: without its per-response CSRF tokens and script nonces."""
    return SCRIPT_NONCE.sub("", CSRF_TOKEN.sub("", response.content.decode()))


def place_order(honey, user=None, **details):
    """Another order of honey, by a guest or (with ``user``) a signed-in buyer."""
    browser = Client()
    if user is not None:
        browser.force_login(user)
    add_to_basket(browser, honey)
    check_out(browser, [honey.storefront], **details)
    return Order.objects.latest("pk")


def test_someone_elses_order_and_an_order_that_does_not_exist_get_the_same_page(order, honey):
    guest_order_url = reverse("fulfilment:order", kwargs={"number": order.number})
    account_order = place_order(honey, user=UserFactory(), email="minh@example.vn", name="Trần Văn Minh")
    stranger = Client()

    answers = [
        stranger.get(url)
        for url in (
            guest_order_url,
            reverse("fulfilment:order", kwargs={"number": account_order.number}),
            reverse("fulfilment:order", kwargs={"number": "999999"}),
        )
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    pages = [
        without_csrf_tokens(answer).replace(number, "N")
        for answer, number in zip(answers, [order.number, account_order.number, "999999"], strict=True)
    ]
    assert pages[0] == pages[1] == pages[2]
    assert "Không mở được đơn hàng này." in pages[0]
    assert "Mật ong rừng U Minh" not in pages[0] and "Nguyễn Thị Lan" not in pages[0]


def test_a_signed_in_member_cannot_open_another_buyers_order(order, django_assert_max_num_queries):
    someone = Client()
    someone.force_login(UserFactory())
    someone.get(reverse("fulfilment:lookup"))  # their basket exists from an earlier page

    with django_assert_max_num_queries(UNAVAILABLE_PAGE_QUERIES):
        response = someone.get(reverse("fulfilment:order", kwargs={"number": order.number}))

    assert response.status_code == 404
    assert "Mật ong rừng U Minh" not in response.content.decode()


# --- The link in the e-mails ----------------------------------------------------------------------------------------


@pytest.fixture
def emailed_link(client, honey, django_capture_on_commit_callbacks):
    """The order link in the buyer's confirmation e-mail (path and query)."""
    add_to_basket(client, honey)
    with django_capture_on_commit_callbacks(execute=True):
        check_out(client, [honey.storefront])
    [confirmation] = [message for message in mail.outbox if message.to == ["lan@example.vn"]]
    url = re.search(r"https?://\S+/checkout/orders/\S+", confirmation.body).group(0)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_link_in_the_confirmation_email_opens_the_order_in_any_browser(emailed_link):
    phone = Client()

    response = phone.get(emailed_link)

    order_url = reverse("fulfilment:order", kwargs={"number": Order.objects.get().number})
    assert response.status_code == 302
    assert response.url == order_url  # the key leaves the address bar and the history
    page = phone.get(order_url)
    assert page.status_code == 200
    assert "Mật ong rừng U Minh" in page.content.decode()


def test_the_order_number_without_the_key_or_with_a_wrong_one_opens_nothing(emailed_link):
    path, key = emailed_link.split("?key=")
    stranger = Client()

    answers = [stranger.get(path), stranger.get(f"{path}?key={key[:-1]}x"), stranger.get(f"{path}?key=")]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert all("Mật ong rừng U Minh" not in answer.content.decode() for answer in answers)
    assert stranger.get(path).status_code == 404


def test_one_orders_key_does_not_open_another_order(emailed_link, honey):
    _path, key = emailed_link.split("?key=")
    other = place_order(honey, email="minh@example.vn")

    response = Client().get(reverse("fulfilment:order", kwargs={"number": other.number}), {"key": key})

    assert response.status_code == 404


# --- Limits on trying ---------------------------------------------------------------------------------------------


def test_one_client_trying_many_numbers_is_stopped_with_a_message_and_loses_nothing_typed(order):
    walker = Client()
    for number in range(100, 100 + lookup_limits.PER_CLIENT.limit):
        assert look_up(walker, str(number), "lan@example.vn").status_code == 400

    response = look_up(walker, order.number, "lan@example.vn")  # even the right pair, once over the limit

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Bạn đã tra cứu đơn hàng quá nhiều lần trong thời gian ngắn." in page
    assert f'value="{order.number}"' in page and 'value="lan@example.vn"' in page
    assert walker.get(reverse("fulfilment:order", kwargs={"number": order.number})).status_code == 404
    assert look_up(Client(REMOTE_ADDR="203.0.113.9"), "123", "minh@example.vn").status_code == 400  # others go on


def test_one_email_tried_from_many_addresses_is_stopped(order):
    for attempt in range(lookup_limits.PER_EMAIL.limit):
        walker = Client(REMOTE_ADDR=f"198.51.100.{attempt + 1}")
        assert look_up(walker, str(200 + attempt), " Lan@Example.vn ").status_code == 400

    response = look_up(Client(REMOTE_ADDR="198.51.100.200"), order.number, "lan@example.vn")

    assert response.status_code == 429
    assert look_up(Client(REMOTE_ADDR="198.51.100.201"), "123", "another@example.vn").status_code == 400


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_forwarded_address(order, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(100, 100 + lookup_limits.PER_CLIENT.limit):
        walker = Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
        assert look_up(walker, str(number), f"guess{number}@example.vn").status_code == 400

    walker_again = look_up(Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy), order.number, "lan@example.vn")
    buyer = look_up(Client(HTTP_X_FORWARDED_FOR="198.51.100.23", **proxy), order.number, "lan@example.vn")

    assert walker_again.status_code == 429
    assert buyer.status_code == 302


def test_the_limit_message_is_in_the_buyers_language(order):
    walker = Client()
    with translation.override("en"):
        url = reverse("fulfilment:lookup")
    for number in range(100, 100 + lookup_limits.PER_CLIENT.limit):
        walker.post(url, {"number": str(number), "email": "lan@example.vn"})

    response = walker.post(url, {"number": order.number, "email": "lan@example.vn"})

    assert response.status_code == 429
    assert "You have looked up orders too many times in a short time." in response.content.decode()
