"""Who may open each complaint and order screen: union staff, a member of the stall concerned, a member of another
stall, the buyer who owns the order, another buyer and an anonymous visitor. Someone else's complaint answers 404
like one that does not exist; a staff screen answers 403 to the signed-in and sends the anonymous to log in."""

import pytest
from django.test import Client
from django.urls import reverse

from shop.complaints.models import Complaint

ROLES = ["staff", "member", "other_member", "buyer", "other_buyer", "anonymous"]


@pytest.fixture
def visitor(request, staff, honey_owner, other_member, buyer, other_buyer):
    """A client signed in as the role the test is parametrised with."""

    def as_role(role):
        client = Client()
        user = {
            "staff": staff,
            "member": honey_owner,
            "other_member": other_member,
            "buyer": buyer,
            "other_buyer": other_buyer,
        }.get(role)
        if user is not None:
            client.force_login(user)
        return client

    return as_role


def urls(complaint):
    photo = complaint.photos.get()
    order = complaint.stall_order.order
    return {
        "buyer_thread": reverse("complaints:detail", kwargs={"pk": complaint.pk}),
        "photo": reverse("complaints:photo", kwargs={"pk": complaint.pk, "photo_pk": photo.pk}),
        "stall_list": reverse("complaints-seller:list"),
        "stall_thread": reverse("complaints-seller:detail", kwargs={"pk": complaint.pk}),
        "staff_queue": reverse("complaints-review:queue"),
        "staff_complaint": reverse("complaints-review:detail", kwargs={"pk": complaint.pk}),
        "staff_export": reverse("complaints-review:export"),
        "staff_orders": reverse("staff-orders:list"),
        "staff_order": reverse("staff-orders:detail", kwargs={"number": order.number}),
    }


LOGIN = "login"  # a redirect to a login page
EXPECTED = {
    #                staff member other_member buyer other_buyer anonymous
    "buyer_thread": [404, 404, 404, 200, 404, 404],
    "photo": [200, 200, 404, 200, 404, 404],
    "stall_list": [403, 200, 200, 403, 403, LOGIN],
    "stall_thread": [403, 200, 404, 403, 403, LOGIN],
    "staff_queue": [200, 403, 403, 403, 403, LOGIN],
    "staff_complaint": [200, 403, 403, 403, 403, LOGIN],
    "staff_export": [200, 403, 403, 403, 403, LOGIN],
    "staff_orders": [200, 403, 403, 403, 403, LOGIN],
    "staff_order": [200, 403, 403, 403, 403, LOGIN],
}


@pytest.mark.parametrize("screen", EXPECTED)
def test_each_screen_answers_each_kind_of_visitor_as_the_matrix_says(visitor, complaint, screen):
    url = urls(complaint)[screen]

    answers = []
    for role in ROLES:
        response = visitor(role).get(url)
        login = response.status_code == 302 and "/login/" in response.url
        answers.append(LOGIN if login else response.status_code)

    assert dict(zip(ROLES, answers, strict=True)) == dict(zip(ROLES, EXPECTED[screen], strict=True))


def test_only_the_owner_of_the_order_may_open_a_complaint_about_it(visitor, honey_part):
    url = reverse("complaints:open", kwargs={"stall_order_pk": honey_part.pk})

    answers = {role: visitor(role).get(url).status_code for role in ROLES}

    assert answers == {
        "staff": 404,
        "member": 404,
        "other_member": 404,
        "buyer": 200,
        "other_buyer": 404,
        "anonymous": 404,
    }


def test_a_member_of_another_stall_does_not_see_the_complaint_in_their_list(visitor, complaint):
    page = visitor("other_member").get(reverse("complaints-seller:list")).content.decode()

    assert f"stall-complaint-{complaint.pk}" not in page
    assert (
        f"stall-complaint-{complaint.pk}" in visitor("member").get(reverse("complaints-seller:list")).content.decode()
    )


def test_a_member_of_another_stall_cannot_answer_or_escalate(visitor, complaint):
    client = visitor("other_member")

    answered = client.post(reverse("complaints-seller:answer", kwargs={"pk": complaint.pk}), {"body": "Không"})
    escalated = client.post(reverse("complaints-seller:escalate", kwargs={"pk": complaint.pk}), {"reason": "x"})

    assert (answered.status_code, escalated.status_code) == (404, 404)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN
    assert complaint.messages.count() == 1


def test_another_buyer_cannot_write_in_or_escalate_someone_elses_complaint(visitor, complaint):
    client = visitor("other_buyer")

    written = client.post(reverse("complaints:message", kwargs={"pk": complaint.pk}), {"body": "Xin chào"})
    escalated = client.post(reverse("complaints:escalate", kwargs={"pk": complaint.pk}), {"reason": "x"})

    assert (written.status_code, escalated.status_code) == (404, 404)
    assert complaint.messages.count() == 1


@pytest.mark.parametrize("role", ["member", "buyer", "anonymous"])
def test_only_staff_decide_a_complaint(visitor, complaint, role):
    response = visitor(role).post(
        reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "reject"}), {"reason": "Không"}
    )

    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/login/" in response.url
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN


@pytest.mark.parametrize("role", ["member", "buyer", "anonymous"])
def test_only_staff_cancel_a_stall_order_from_the_staff_screen(visitor, order, honey_part, role):
    tea_part = order.stall_orders.exclude(pk=honey_part.pk).get()

    response = visitor(role).post(
        reverse("staff-orders:cancel", kwargs={"number": order.number, "pk": tea_part.pk}), {"reason": "Hết hàng"}
    )

    assert response.status_code == 403 or "/login/" in response.url
    tea_part.refresh_from_db()
    assert tea_part.status == "pending"
