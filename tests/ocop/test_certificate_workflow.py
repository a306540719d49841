"""An OCOP certificate's life: verified, rejected or revoked by union staff with reasons the cooperative reads in its
own language, expired by the daily job with a warning 30 days before."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from ocop import workflow
from ocop.models import CertificateDecision, OcopCertificate
from storefronts.models import Membership
from tests.factories import MembershipFactory, OcopCertificateFactory, StorefrontFactory, UserFactory

Status = OcopCertificate.Status


def stall_with_members():
    """A stall whose owner reads e-mail in English and whose plain member reads it in Vietnamese."""
    stall = StorefrontFactory()
    MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner@htx.example.vn")
    MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.MEMBER, user__email="member@htx.example.vn")
    return stall


def certificate_in(status, actor, **fields):
    """A certificate of a stall_with_members() brought to ``status`` through the workflow (expired by the daily job),
    with no e-mail left."""
    certificate = OcopCertificateFactory(storefront=stall_with_members(), **fields)
    if status in (Status.VERIFIED, Status.EXPIRED, Status.REVOKED):
        workflow.verify_certificate(certificate, actor)
    if status == Status.REJECTED:
        workflow.reject_certificate(certificate, actor, "Bản quét không đọc được")
    if status == Status.REVOKED:
        workflow.revoke_certificate(certificate, actor, "Sản phẩm không còn đạt tiêu chuẩn")
    if status == Status.EXPIRED:
        workflow.run_daily(certificate.expiry_date + timedelta(days=1))
    certificate.refresh_from_db()
    assert certificate.status == status
    mail.outbox.clear()
    return certificate


STEPS = {
    "verify": lambda certificate, actor: workflow.verify_certificate(certificate, actor),
    "reject": lambda certificate, actor: workflow.reject_certificate(certificate, actor, "Lý do"),
    "revoke": lambda certificate, actor: workflow.revoke_certificate(certificate, actor, "Lý do"),
}
LEGAL = {("submitted", "verify"), ("submitted", "reject"), ("verified", "revoke")}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [status.value for status in Status])
@pytest.mark.parametrize("step", sorted(STEPS))
def test_only_the_legal_steps_change_a_certificates_status(union_staff, status, step):
    certificate = certificate_in(status, union_staff)
    decisions_before = certificate.decisions.count()

    if (status, step) in LEGAL:
        STEPS[step](certificate, union_staff)
        certificate.refresh_from_db()
        assert certificate.status == {"verify": "verified", "reject": "rejected", "revoke": "revoked"}[step]
        assert certificate.decisions.count() == decisions_before + 1
    else:
        with pytest.raises(workflow.IllegalTransition) as refused:
            STEPS[step](certificate, union_staff)
        assert "Không thể chuyển giấy chứng nhận" in str(refused.value.message)
        certificate.refresh_from_db()
        assert certificate.status == status
        assert certificate.decisions.count() == decisions_before


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "step"), [("submitted", "reject"), ("verified", "revoke")])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_rejecting_or_revoking_needs_a_reason(union_staff, status, step, reason):
    certificate = certificate_in(status, union_staff)
    perform = {"reject": workflow.reject_certificate, "revoke": workflow.revoke_certificate}[step]

    with pytest.raises(workflow.IllegalTransition) as refused:
        perform(certificate, union_staff, reason)

    assert refused.value.message == "Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì."
    certificate.refresh_from_db()
    assert certificate.status == status
    assert mail.outbox == []


@pytest.mark.django_db
def test_only_users_with_the_verify_permission_decide(union_staff):
    certificate = OcopCertificateFactory(storefront=stall_with_members(), certificate_number="123/GCN-UBND")
    owner = certificate.storefront.cooperative.memberships.get(role=Membership.Role.OWNER).user
    for user in (owner, UserFactory(is_staff=True), None):
        with pytest.raises(PermissionDenied):
            workflow.verify_certificate(certificate, user)
    certificate.refresh_from_db()
    assert certificate.status == Status.SUBMITTED
    assert not certificate.decisions.exists()


@pytest.mark.django_db
def test_verifying_records_who_and_mails_the_owners_in_their_language(union_staff, django_capture_on_commit_callbacks):
    certificate = OcopCertificateFactory(storefront=stall_with_members(), certificate_number="123/GCN-UBND")
    vietnamese_owner = MembershipFactory(cooperative=certificate.storefront.cooperative, language="vi")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.verify_certificate(certificate, union_staff)

    decision = certificate.decisions.get()
    assert (decision.from_status, decision.to_status, decision.actor) == ("submitted", "verified", union_staff)
    mails = {message.to[0]: message for message in mail.outbox}
    assert set(mails) == {"owner@htx.example.vn", vietnamese_owner.user.email}  # owners only, not plain members
    english, vietnamese = mails["owner@htx.example.vn"].body, mails[vietnamese_owner.user.email].body
    assert english.startswith("Dear ") and "Kind regards," in english
    assert vietnamese.startswith("Kính gửi ") and "Trân trọng," in vietnamese
    assert "123/GCN-UBND" in mails["owner@htx.example.vn"].subject
    assert "/en/ocop/certificates/?number=123%2FGCN-UBND" in english
    assert "/vi/ocop/certificates/?number=123%2FGCN-UBND" in vietnamese


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "step"), [("submitted", "reject"), ("verified", "revoke")])
def test_the_owner_reads_the_reason_of_a_rejection_or_revocation(
    union_staff, django_capture_on_commit_callbacks, status, step
):
    certificate = certificate_in(status, union_staff)
    perform = {"reject": workflow.reject_certificate, "revoke": workflow.revoke_certificate}[step]

    with django_capture_on_commit_callbacks(execute=True):
        perform(certificate, union_staff, "  Số quyết định không khớp với bản quét.  ")

    (message,) = mail.outbox
    assert message.to == ["owner@htx.example.vn"]
    assert "Reason given by the Cooperative Alliance staff:" in message.body
    assert "Số quyết định không khớp với bản quét." in message.body
    assert certificate.decisions.first().reason == "Số quyết định không khớp với bản quét."


# --- The daily job ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_daily_job_expires_verified_certificates_past_their_date(union_staff, django_capture_on_commit_callbacks):
    today = date(2027, 3, 16)
    past = certificate_in(Status.VERIFIED, union_staff, certificate_number="QUA-HAN", expiry_date=date(2027, 3, 15))
    last_day = certificate_in(Status.VERIFIED, union_staff, certificate_number="HOM-NAY", expiry_date=today)
    waiting = certificate_in(Status.SUBMITTED, union_staff, certificate_number="CHO", expiry_date=date(2027, 3, 1))

    with django_capture_on_commit_callbacks(execute=True):
        expired, _warned = workflow.run_daily(today)

    assert expired == 1
    for certificate in (past, last_day, waiting):
        certificate.refresh_from_db()
    assert (past.status, last_day.status, waiting.status) == ("expired", "verified", "submitted")
    decision = past.decisions.first()
    assert (decision.to_status, decision.actor) == ("expired", None)
    assert [message.subject for message in mail.outbox if "QUA-HAN" in message.subject]
    assert not past.products.get().ocop_certificate()


@pytest.mark.django_db
def test_owners_are_warned_once_30_days_before_expiry(union_staff, django_capture_on_commit_callbacks):
    today = date(2027, 2, 13)
    soon = certificate_in(
        Status.VERIFIED, union_staff, certificate_number="SAP-HET", expiry_date=today + timedelta(days=30)
    )
    later = certificate_in(
        Status.VERIFIED, union_staff, certificate_number="CON-LAU", expiry_date=today + timedelta(days=31)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.run_daily(today) == (0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.run_daily(today) == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.run_daily(today + timedelta(days=1)) == (0, 1)  # now "later" is 30 days away

    assert [message.to for message in mail.outbox] == [["owner@htx.example.vn"], ["owner@htx.example.vn"]]
    assert "SAP-HET" in mail.outbox[0].subject and "15/03/2027" in mail.outbox[0].subject
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.expiry_warning_sent_at is not None and soon.status == "verified"


@pytest.mark.django_db
def test_the_ocop_daily_command_reports_what_it_did(union_staff, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    certificate_in(
        Status.VERIFIED,
        union_staff,
        certificate_number="HET-HAN",
        issue_date=today - timedelta(days=1200),
        expiry_date=today - timedelta(days=1),
    )
    certificate_in(
        Status.VERIFIED,
        union_staff,
        certificate_number="SAP-HET",
        issue_date=today - timedelta(days=1000),
        expiry_date=today + timedelta(days=10),
    )
    output = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("ocop_daily", stdout=output)
    assert output.getvalue().strip() == "1 certificate(s) expired, 1 expiry warning(s) sent."
    assert len(mail.outbox) == 2

    output = io.StringIO()
    call_command("ocop_daily", stdout=output)
    assert output.getvalue().strip() == "0 certificate(s) expired, 0 expiry warning(s) sent."
    assert len(mail.outbox) == 2
    assert CertificateDecision.objects.filter(to_status="expired").count() == 1
