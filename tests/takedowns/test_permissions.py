"""Who may open each takedown screen: union staff, a member of the stall, a member of another stall, a buyer and an
anonymous visitor. Staff screens answer 403 to the signed-in without the permission and send the anonymous to the
dashboard's login; the stall's screens show only its own cases (404 on another's); anyone may report."""

import pytest
from django.urls import reverse

from shop.takedowns import workflow
from tests.takedowns.conftest import decide_url, detail_url, member_url

ROLES = ["staff", "owner", "other_member", "buyer", "anonymous"]


@pytest.fixture
def as_role(client, union_staff, owner, other_member, buyer):
    users = {"staff": union_staff, "owner": owner, "other_member": other_member, "buyer": buyer, "anonymous": None}

    def sign_in(role):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return sign_in


@pytest.fixture
def taken_down(reported, union_staff):
    workflow.take_down(reported, union_staff, "Hàng giả nhãn hiệu.")
    reported.refresh_from_db()
    return reported


STAFF_PAGES = {"staff": 200, "owner": 403, "other_member": 403, "buyer": 403, "anonymous": "dashboard-login"}


def assert_answer(response, expected):
    if expected == "dashboard-login":
        assert response.status_code == 302 and response.url.startswith(reverse("dashboard:login"))
    elif expected == "login":
        assert response.status_code == 302 and response.url.startswith(reverse("customer:login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_queue_opens_for_staff_only(as_role, role, reported):
    assert_answer(as_role(role).get(reverse("takedown-review:queue")), STAFF_PAGES[role])


@pytest.mark.parametrize("role", ROLES)
def test_a_case_page_opens_for_staff_only(as_role, role, reported):
    assert_answer(as_role(role).get(detail_url(reported)), STAFF_PAGES[role])


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_can_take_a_listing_down(as_role, role, reported, product):
    expected = {**STAFF_PAGES, "staff": 302}[role]

    response = as_role(role).post(decide_url(reported, "take-down"), {"reason": "Hàng giả."})

    assert_answer(response, expected)
    product.refresh_from_db()
    assert product.is_public == (role != "staff")


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_can_open_a_case_from_an_authority_letter(as_role, role, product):
    data = {
        "case-listing_address": product.get_absolute_url(),
        "case-authority": "Sở Công Thương",
        "case-document_number": "1/SCT",
        "case-received_at": "2026-12-01T08:00",
    }

    assert_answer(as_role(role).get(reverse("takedown-review:new")), STAFF_PAGES[role])
    assert_answer(as_role(role).post(reverse("takedown-review:new"), data), {**STAFF_PAGES, "staff": 302}[role])


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_can_record_an_authority_request(as_role, role, reported):
    expected = {**STAFF_PAGES, "staff": 302}[role]
    data = {
        "authority-authority": "Sở Công Thương",
        "authority-document_number": "1/SCT",
        "authority-received_at": "2026-12-01T08:00",
    }

    assert_answer(as_role(role).post(reverse("takedown-review:authority", kwargs={"pk": reported.pk}), data), expected)
    assert reported.authority_requests.exists() == (role == "staff")


@pytest.mark.parametrize(
    "role, expected",
    [("staff", 403), ("owner", 200), ("other_member", 200), ("buyer", 403), ("anonymous", "login")],
)
def test_the_stalls_takedown_list_shows_only_its_own_cases(as_role, role, expected, taken_down):
    response = as_role(role).get(reverse("takedowns:member-list"))

    assert_answer(response, expected)
    if expected == 200:
        assert ("Mật ong rừng tràm 500 ml" in response.content.decode()) == (role == "owner")


@pytest.mark.parametrize(
    "role, expected",
    [("staff", 403), ("owner", 200), ("other_member", 404), ("buyer", 403), ("anonymous", "login")],
)
def test_a_takedown_page_of_the_stall_opens_for_its_members_only(as_role, role, expected, taken_down):
    assert_answer(as_role(role).get(member_url(taken_down)), expected)


@pytest.mark.parametrize(
    "role, expected",
    [("staff", 403), ("owner", 302), ("other_member", 404), ("buyer", 403), ("anonymous", "login")],
)
def test_only_a_member_of_the_stall_can_ask_for_review(as_role, role, expected, taken_down):
    response = as_role(role).post(member_url(taken_down), {"note": "Đã sửa nhãn."})

    assert_answer(response, expected)
    taken_down.refresh_from_db()
    assert (taken_down.status == "review_requested") == (role == "owner")


def test_the_stall_does_not_see_a_report_before_staff_act_on_it(client, owner, reported):
    client.force_login(owner)

    assert client.get(member_url(reported)).status_code == 404
    assert "Mật ong rừng tràm 500 ml" not in client.get(reverse("takedowns:member-list")).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_anyone_can_open_the_report_form(as_role, role, product):
    assert as_role(role).get(reverse("takedowns:report-product", kwargs={"pk": product.pk})).status_code == 200


def test_the_stalls_takedown_list_costs_a_fixed_number_of_queries(
    client, owner, taken_down, django_assert_max_num_queries
):
    client.force_login(owner)

    with django_assert_max_num_queries(14):
        client.get(reverse("takedowns:member-list"))
