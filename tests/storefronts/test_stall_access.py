"""Who gets into a stall's own screens under /<lang>/my-stall/: one rule (storefronts.access), one 403 page.

The matrix walks every /my-stall/ route of the URL configuration: a visitor is sent to log in, a signed-in account
without a stall and a stall in each status get in or get the stall access page (403) as the screen's level says.
A new /my-stall/ route makes ``test_the_matrix_names_every_my_stall_route`` fail until it is given its level below.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from storefronts.access import StallMemberRequiredMixin
from storefronts.forms import STEPS
from storefronts.models import Storefront
from tests.factories import DraftStorefrontFactory, MembershipFactory, StorefrontFactory, UserFactory

Status = Storefront.Status

# Each screen's level: who may use it (storefronts/access.py says what each level means).
PRODUCTS = ["list", "create", "update", "preview", "publish", "variant-create", "image-delete"]
IMPORTS = ["import", "import-template", "import-status"]
ORDERS = ["list", "print", "export", "detail", "transfer-received", "action"]
OCOP = ["member-certificates", "member-certificate-create", "member-certificate", "member-batches"]
BATCHES = ["member-batch-create", "member-batch", "member-batch-stamps", "member-batch-sheet"]
APPLICATION = ["application", "application-step", "application-submit", "application-certificate", "members"]
STALL_TOOLS = ["appearance", "appearance-preview", "shipping-settings", "sales-figures", "sales-figures-export"]
ACCESS = {
    **{f"storefronts:{name}": "applicant" for name in APPLICATION},
    **{f"storefronts:{name}": "any" for name in STALL_TOOLS},
    **{f"translations:{name}": "any" for name in ("stall", "export", "import")},
    **{f"catalog-seller:{name}": "prepare" for name in PRODUCTS + IMPORTS},
    **{f"fulfilment-seller:{name}": "sold" for name in ORDERS},
    **{f"ocop:{name}": "approved" for name in OCOP + BATCHES},
    **{f"complaints-seller:{name}": "sold" for name in ("list", "detail", "answer", "escalate")},
    **{f"takedowns:{name}": "any" for name in ("member-list", "member-detail")},
}
NO_STALL = "no stall"
# Who each level lets in; everyone else signed in gets the 403 page.
LETS_IN = {
    "applicant": {NO_STALL, *Status.values},
    "any": set(Status.values),
    "prepare": {Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED},
    "approved": {Status.APPROVED},
    "sold": {Status.APPROVED, Status.SUSPENDED},  # a suspended stall still answers for the orders it took
}
ARGUMENTS = {"pk": 999_999, "image_pk": 999_999, "step": STEPS[0].slug, "fmt": "csv", "action": "confirm"}
WHO = [NO_STALL, *Status.values]


def my_stall_routes():
    """{namespaced name: (argument names, view class)} of every route whose path holds "my-stall/"."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern) and "my-stall/" in route:
                view = getattr(pattern.callback, "view_class", pattern.callback)
                yield f"{namespace}:{pattern.name}", (sorted(pattern.pattern.regex.groupindex), view)

    return dict(walk(get_resolver().url_patterns))


ROUTES = my_stall_routes()


def url_of(name):
    arguments, _view = ROUTES[name]
    return reverse(name, kwargs={argument: ARGUMENTS[argument] for argument in arguments})


def signed_in_as(client, who):
    """A member (owner) of a cooperative whose stall is in status ``who``, or an account with no stall at all."""
    if who == NO_STALL:
        client.force_login(UserFactory())
        return
    has_sold = who in (Status.APPROVED, Status.SUSPENDED)
    stall = StorefrontFactory(status=who) if has_sold else DraftStorefrontFactory(status=who)
    client.force_login(MembershipFactory(cooperative=stall.cooperative).user)


def test_the_matrix_names_every_my_stall_route():
    assert set(ROUTES) == set(ACCESS)


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_every_my_stall_screen_uses_the_one_access_rule(name):
    _arguments, view = ROUTES[name]

    assert issubclass(view, StallMemberRequiredMixin)
    assert view.stall_access == ACCESS[name]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_a_visitor_is_sent_to_log_in(client, name):
    url = url_of(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('customer:login')}?next={url}"


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_a_stall_gets_in_or_gets_the_refused_page_as_the_screens_level_says(client, name, who):
    signed_in_as(client, who)

    response = client.get(url_of(name))

    if who in LETS_IN[ACCESS[name]]:
        assert response.status_code != 403
        assert not response.get("Location", "").startswith(reverse("customer:login"))
    else:
        assert response.status_code == 403
        page = response.content.decode()
        assert 'id="stall-not-approved"' in page
        assert f'href="{reverse("storefronts:application")}"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, says",
    [
        ("catalog-seller:list", "Chỉ gian hàng đã gửi hồ sơ hoặc đã được cán bộ Liên minh HTX duyệt mới chuẩn bị"),
        ("ocop:member-certificates", "mới khai báo được giấy chứng nhận OCOP, lô sản xuất và tem truy xuất"),
        ("fulfilment-seller:list", "chưa mở bán lần nào, nên chưa có đơn hàng"),
    ],
)
def test_the_refused_page_says_what_the_screen_needs_and_names_the_stalls_status(client, name, says):
    signed_in_as(client, Status.DRAFT)

    page = client.get(url_of(name)).content.decode()

    assert says in page
    assert "“Bản nháp”" in page
    assert "Hãy hoàn thành và gửi hồ sơ gian hàng" in page


@pytest.mark.django_db
def test_a_suspended_stall_is_told_where_to_read_why(client):
    signed_in_as(client, Status.SUSPENDED)

    page = client.get(url_of("ocop:member-certificates")).content.decode()

    assert "“Tạm ngừng”" in page
    assert "Gian hàng đang tạm ngừng. Xem lý do và hướng xử lý trên trang hồ sơ gian hàng." in page
    assert "Xem hồ sơ gian hàng" in page


@pytest.mark.django_db
def test_an_account_without_a_stall_is_invited_to_apply_for_one(client, django_assert_max_num_queries):
    signed_in_as(client, NO_STALL)

    with django_assert_max_num_queries(12):
        page = client.get(url_of("catalog-seller:list")).content.decode()

    assert "Bạn chưa có gian hàng" in page
    assert "Đăng ký gian hàng" in page
    assert "Trạng thái" not in page


@pytest.mark.django_db
def test_the_refused_page_speaks_the_members_language(client):
    signed_in_as(client, Status.DRAFT)

    page = client.get(url_of("ocop:member-certificates").replace("/vi/", "/en/", 1)).content.decode()

    assert "Your stall must be approved first" in page
    assert "can declare OCOP certificates" in page
