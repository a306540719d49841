"""Every legal and illegal change of a stall's status, who may make it, what is recorded and who is told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from storefronts import workflow
from storefronts.models import Membership, Storefront, StorefrontTransition
from tests.factories import DraftStorefrontFactory, MembershipFactory, UserFactory

Status = Storefront.Status

STEPS = {
    "submit": workflow.SUBMIT,
    "approve": workflow.APPROVE,
    "request_changes": workflow.REQUEST_CHANGES,
    "reject": workflow.REJECT,
    "suspend": workflow.SUSPEND,
    "reinstate": workflow.REINSTATE,
}
LEGAL = {
    (Status.DRAFT, "submit"),
    (Status.CHANGES_REQUESTED, "submit"),
    (Status.SUBMITTED, "approve"),
    (Status.SUBMITTED, "request_changes"),
    (Status.SUBMITTED, "reject"),
    (Status.APPROVED, "suspend"),
    (Status.SUSPENDED, "reinstate"),
}


@pytest.fixture
def application(db):
    stall = DraftStorefrontFactory(name="Gian hàng Mật ong U Minh")
    owner = MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.OWNER, user__email="chu@htx.vn")
    return stall, owner.user


def actor_for(step, owner, union_staff):
    return union_staff if step.by_staff else owner


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("step_name", STEPS)
def test_each_step_is_allowed_only_from_its_source_statuses(application, union_staff, status, step_name):
    stall, owner = application
    Storefront.objects.filter(pk=stall.pk).update(status=status)
    stall.refresh_from_db()
    step = STEPS[step_name]
    actor = actor_for(step, owner, union_staff)
    if (status, step_name) in LEGAL:
        record = workflow.change_status(stall, step, actor, reason="Thiếu giấy chứng nhận đăng ký")
        assert stall.status == step.to_status
        assert (record.from_status, record.to_status, record.actor) == (status, step.to_status, actor)
    else:
        with pytest.raises(workflow.IllegalTransition) as refused:
            workflow.change_status(stall, step, actor, reason="Lý do")
        assert "Không thể chuyển gian hàng" in str(refused.value.message)
        stall.refresh_from_db()
        assert stall.status == status
        assert not StorefrontTransition.objects.exists()


@pytest.mark.parametrize("step_name", ["request_changes", "reject", "suspend"])
def test_refusals_and_suspensions_need_a_reason(application, union_staff, step_name):
    stall, owner = application
    workflow.submit_application(stall, owner)
    if step_name == "suspend":
        workflow.approve_storefront(stall, union_staff)
    before = stall.status
    with pytest.raises(workflow.IllegalTransition) as refused:
        workflow.change_status(stall, STEPS[step_name], union_staff, reason="   ")
    assert "lý do" in str(refused.value.message)
    stall.refresh_from_db()
    assert stall.status == before


def test_only_union_staff_may_decide(application):
    stall, owner = application
    workflow.submit_application(stall, owner)
    for not_staff in (owner, UserFactory(is_staff=True)):  # being staff is not enough: the permission decides
        with pytest.raises(PermissionDenied):
            workflow.approve_storefront(stall, not_staff)
    stall.refresh_from_db()
    assert stall.status == Status.SUBMITTED


def test_only_the_cooperatives_members_may_submit(application, union_staff):
    stall, _ = application
    with pytest.raises(PermissionDenied):
        workflow.submit_application(stall, UserFactory())
    stall.refresh_from_db()
    assert stall.status == Status.DRAFT


def test_first_approval_opens_a_partner_without_giving_members_oscars_dashboard(application, union_staff):
    stall, owner = application
    workflow.submit_application(stall, owner)
    workflow.approve_storefront(stall, union_staff)
    assert stall.partner is not None
    assert owner in stall.partner.users.all()
    assert not type(owner).objects.get(pk=owner.pk).has_perm("partner.dashboard_access")
    partner = stall.partner
    workflow.suspend_storefront(stall, union_staff, "Bán hàng không đúng mô tả")
    workflow.reinstate_storefront(stall, union_staff)
    assert stall.partner == partner  # reinstating keeps the same partner, stock and orders


def test_owners_are_emailed_in_their_language_with_the_reason(
    application, union_staff, django_capture_on_commit_callbacks
):
    stall, owner = application
    english_owner = MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner@htx.vn")
    MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.MEMBER, user__email="member@htx.vn")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_application(stall, owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(stall, union_staff, "Ảnh giấy chứng nhận bị mờ, vui lòng chụp lại.")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"chu@htx.vn", english_owner.user.email}  # owners only, not plain members
    vietnamese = by_recipient["chu@htx.vn"]
    assert "Cần bổ sung" in vietnamese.subject
    assert "Ảnh giấy chứng nhận bị mờ" in vietnamese.body
    english = by_recipient["owner@htx.vn"]
    assert "Changes requested" in english.subject
    assert "Ảnh giấy chứng nhận bị mờ" in english.body  # staff's own words, untranslated
    assert "/en/my-stall/" in english.body


def test_history_records_who_when_and_why(application, union_staff):
    stall, owner = application
    workflow.submit_application(stall, owner)
    workflow.reject_storefront(stall, union_staff, "Không phải hợp tác xã")
    history = list(stall.transitions.values_list("from_status", "to_status", "actor", "reason"))
    assert history == [
        (Status.SUBMITTED, Status.REJECTED, union_staff.pk, "Không phải hợp tác xã"),
        (Status.DRAFT, Status.SUBMITTED, owner.pk, ""),
    ]
    assert stall.submitted_at is not None
