"""The review machinery every queue shares (shop.review), seen through the stall queue: a step that is not legal is
refused with a code a program can test, a decision that needs a reason is refused without one, each change is logged
with who, when, from, to and why, and the decision form only validates."""

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone

from shop.review.errors import IllegalTransition, ReviewErrorCode
from shop.review.forms import DecisionForm
from storefronts import workflow
from storefronts.models import Storefront, StorefrontTransition
from storefronts.review_forms import DECISIONS
from tests.factories import DraftStorefrontFactory, MembershipFactory

Status = Storefront.Status


@pytest.fixture
def application(db):
    """A stall its owner has sent for review."""
    stall = DraftStorefrontFactory(name="Gian hàng Chè Thái Nguyên")
    owner = MembershipFactory(cooperative=stall.cooperative, user__email="chu@chethai.example.vn")
    workflow.submit_application(stall, owner.user)
    mail.outbox.clear()
    return stall


def test_an_illegal_step_is_refused_with_its_code(application, union_staff):
    changes_before = application.transitions.count()

    with pytest.raises(IllegalTransition) as refused:
        workflow.suspend_storefront(application, union_staff, "Sản phẩm sai nhãn")

    assert refused.value.code == ReviewErrorCode.ILLEGAL_STEP == "illegal_step"
    assert refused.value.message == "Không thể chuyển gian hàng từ “Đã gửi, chờ duyệt” sang “Tạm ngừng”."
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.transitions.count() == changes_before
    assert mail.outbox == []


@pytest.mark.parametrize("reason", ["", "  \n\t "])
def test_a_decision_that_needs_a_reason_is_refused_without_one(application, union_staff, reason):
    with pytest.raises(IllegalTransition) as refused:
        workflow.reject_storefront(application, union_staff, reason)

    assert refused.value.code == ReviewErrorCode.REASON_REQUIRED == "reason_required"
    assert refused.value.message == "Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì."
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert mail.outbox == []


def test_the_log_row_records_who_when_from_to_and_why(application, union_staff, django_capture_on_commit_callbacks):
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        record = workflow.request_changes(application, union_staff, "  Thiếu ảnh giấy chứng nhận an toàn thực phẩm.  ")

    logged = StorefrontTransition.objects.get(pk=record.pk)
    assert logged.storefront == application
    assert logged.actor == union_staff
    assert before <= logged.created_at <= timezone.now()
    assert (logged.from_status, logged.to_status) == (Status.SUBMITTED, Status.CHANGES_REQUESTED)
    assert logged.reason == "Thiếu ảnh giấy chứng nhận an toàn thực phẩm."
    assert application.transitions.first() == logged  # the newest change first
    assert [message.to for message in mail.outbox] == [["chu@chethai.example.vn"]]


def test_the_decision_form_refuses_a_missing_reason_and_changes_nothing(application):
    form = DecisionForm(DECISIONS["reject"], {"reason": "   "})

    assert not form.is_valid()
    assert form.errors["reason"] == ["Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì."]
    assert form.has_error("reason", code="required")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_decision_without_a_reason_offers_no_reason_field(application):
    form = DecisionForm(DECISIONS["approve"], {"reason": "ignored"})

    assert form.is_valid()
    assert "reason" not in form.fields
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED  # validating decides nothing


def test_the_page_shows_an_illegal_decision_with_the_workflows_code(client, application, union_staff):
    client.force_login(union_staff)
    url = reverse("storefront-review:decide", kwargs={"pk": application.pk, "action": "reinstate"})

    response = client.post(url)

    assert response.status_code == 400
    assert response.context["failed_form"].has_error(NON_FIELD_ERRORS, code="illegal_step")
    assert "Không thể chuyển gian hàng từ “Đã gửi, chờ duyệt” sang “Đã duyệt”." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
