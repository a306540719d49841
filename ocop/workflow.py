"""An OCOP certificate's life: declared (submitted) → verified | rejected; verified → expired (by the daily job) |
revoked.

A member's declaration goes through ``submit_certificate``, each later change through ``change_status``
(``shop.review``'s): it checks the step is legal and who may take it, records the decision and e-mails the stall's
owners in their language once the transaction commits. ``run_daily`` expires certificates past their date and warns
owners 30 days before.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.models import CertificateDecision, OcopCertificate
from shop.review.errors import IllegalTransition, ReviewError  # noqa: F401 (callers catch workflow.IllegalTransition)
from shop.review.models import NEW
from shop.review.workflow import Actor, Step, Workflow, mail_in_their_language
from storefronts.models import Membership
from storefronts.workflow import is_member

Status = OcopCertificate.Status
VERIFY_PERMISSION = "ocop.verify_certificate"
WARNING_DAYS = 30

SUBMIT = Step(Status.SUBMITTED, (NEW,), by=Actor.MEMBER)
VERIFY = Step(Status.VERIFIED, (Status.SUBMITTED,))
REJECT = Step(Status.REJECTED, (Status.SUBMITTED,), needs_reason=True)
REVOKE = Step(Status.REVOKED, (Status.VERIFIED,), needs_reason=True)
EXPIRE = Step(Status.EXPIRED, (Status.VERIFIED,), by=Actor.SYSTEM)


class NumberTaken(ReviewError):
    """Another live declaration holds the certificate's number (it was taken after the form checked it)."""

    code = "number_taken"


class CertificateWorkflow(Workflow):
    model = OcopCertificate
    log_model = CertificateDecision
    subject_field = "certificate"
    permission = VERIFY_PERMISSION
    illegal_step_message = _("Không thể chuyển giấy chứng nhận từ “%(from)s” sang “%(to)s”.")
    saved_fields = ("status",)

    def is_member(self, user, certificate):
        return is_member(user, certificate.storefront)

    def notify(self, certificate, decision):
        notify_owners(certificate, "ocop/email/status_changed", decision=decision)


CERTIFICATES = CertificateWorkflow()


def change_status(certificate, step, actor, reason=""):
    """Move the certificate one legal step. ``actor`` None means the system (the daily expiry job)."""
    return CERTIFICATES.change_status(certificate, step, actor, reason)


def submit_certificate(certificate, products, actor):
    """Record a member's declaration of ``certificate`` (unsaved, its scan attached) for ``products`` of their stall:
    it waits for union staff as "submitted", with the decision row that says who declared it and when.

    Raises ``NumberTaken`` when another declaration took the number since the form checked it; nothing is saved.
    """
    if not CERTIFICATES.may_take(SUBMIT, actor, certificate):
        raise PermissionDenied
    certificate.status = SUBMIT.to_status
    certificate.submitted_by = actor
    try:
        with transaction.atomic():
            certificate.save()
            certificate.products.set(products)
            CERTIFICATES.record(certificate, NEW, SUBMIT.to_status, actor)
    except IntegrityError:
        certificate.pk = None
        raise NumberTaken(_("Số giấy chứng nhận này đã được khai báo.")) from None
    return certificate


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

    def context_for(owner):
        query = urlencode({"number": certificate.certificate_number})
        return {
            "certificate": certificate,
            "site_url": settings.SITE_URL,
            "lookup_path": f"{reverse('ocop:certificate-lookup')}?{query}",
            **extra,
        }

    mail_in_their_language(owners, template, context_for)


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
