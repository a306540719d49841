"""An OCOP certificate's life: submitted → verified | rejected; verified → expired (by the daily job) | revoked.

Each change goes through ``change_status``: it checks the step is legal and who may take it, records the decision
and e-mails the stall's owners in their language once the transaction commits. ``run_daily`` expires certificates
past their date and warns owners 30 days before.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ocop.models import CertificateDecision, OcopCertificate
from shop.tasks import send_email_on_commit
from storefronts.models import Membership

Status = OcopCertificate.Status
VERIFY_PERMISSION = "ocop.verify_certificate"
WARNING_DAYS = 30


@dataclass(frozen=True)
class Step:
    to_status: str
    sources: tuple
    needs_reason: bool


VERIFY = Step(Status.VERIFIED, (Status.SUBMITTED,), needs_reason=False)
REJECT = Step(Status.REJECTED, (Status.SUBMITTED,), needs_reason=True)
REVOKE = Step(Status.REVOKED, (Status.VERIFIED,), needs_reason=True)
EXPIRE = Step(Status.EXPIRED, (Status.VERIFIED,), needs_reason=False)


class IllegalTransition(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def can_verify(user):
    return user is not None and user.is_active and user.has_perm(VERIFY_PERMISSION)


def change_status(certificate, step, actor, reason=""):
    """Move the certificate one legal step. ``actor`` None means the system (the daily expiry job)."""
    reason = (reason or "").strip()
    if step is not EXPIRE and not can_verify(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = OcopCertificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status not in step.sources:
            raise IllegalTransition(
                _("Không thể chuyển giấy chứng nhận từ “%(from)s” sang “%(to)s”.")
                % {"from": locked.get_status_display(), "to": Status(step.to_status).label}
            )
        if step.needs_reason and not reason:
            raise IllegalTransition(_("Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì."))
        decision = CertificateDecision.objects.create(
            certificate=locked, from_status=locked.status, to_status=step.to_status, actor=actor, reason=reason
        )
        locked.status = step.to_status
        locked.save(update_fields=["status"])
        transaction.on_commit(lambda: notify_owners(locked, "ocop/email/status_changed", decision=decision))
    certificate.refresh_from_db()
    return decision


def verify_certificate(certificate, actor):
    return change_status(certificate, VERIFY, actor)


def reject_certificate(certificate, actor, reason):
    return change_status(certificate, REJECT, actor, reason)


def revoke_certificate(certificate, actor, reason):
    return change_status(certificate, REVOKE, actor, reason)


def notify_owners(certificate, template, **extra):
    owners = Membership.objects.filter(
        cooperative__storefront=certificate.storefront_id, role=Membership.Role.OWNER
    ).select_related("user")
    for owner in owners:
        with translation.override(owner.language):
            context = {
                "certificate": certificate,
                "user": owner.user,
                "site_url": settings.SITE_URL,
                "lookup_path": reverse("ocop:certificate-lookup")
                + "?"
                + urlencode({"number": certificate.certificate_number}),
                **extra,
            }
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_body.txt", context)
        send_email_on_commit(subject, body, [owner.user.email])


def run_daily(today=None):
    """Expire what is past its date and warn about what expires within 30 days; returns (expired, warned)."""
    today = today or timezone.localdate()
    expired = 0
    for certificate in OcopCertificate.objects.filter(status=Status.VERIFIED, expiry_date__lt=today):
        change_status(certificate, EXPIRE, actor=None)
        expired += 1
    warned = 0
    soon = OcopCertificate.objects.filter(
        status=Status.VERIFIED,
        expiry_date__gte=today,
        expiry_date__lte=today + datetime.timedelta(days=WARNING_DAYS),
        expiry_warning_sent_at__isnull=True,
    )
    for certificate in soon:
        with transaction.atomic():
            updated = OcopCertificate.objects.filter(pk=certificate.pk, expiry_warning_sent_at__isnull=True).update(
                expiry_warning_sent_at=timezone.now()
            )
            if updated:
                transaction.on_commit(lambda c=certificate: notify_owners(c, "ocop/email/expiry_warning"))
                warned += 1
    return expired, warned
