"""A stall's status workflow: every change goes through ``change_status``, one legal step at a time.

    draft ─submit→ submitted ─approve→ approved ⇄ suspended
                       │  └─request changes→ changes requested ─submit→ submitted
                       └─reject→ rejected

Each change is checked, recorded (who, when, from, to, why) and e-mailed to the cooperative's owners in their own
language once the transaction commits. The first approval opens the stall's Oscar partner.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.tasks import send_email_on_commit
from storefronts.models import Membership, Storefront, StorefrontTransition

Status = Storefront.Status
Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class Step:
    to_status: str
    sources: tuple
    by_staff: bool
    needs_reason: bool


SUBMIT = Step(Status.SUBMITTED, (Status.DRAFT, Status.CHANGES_REQUESTED), by_staff=False, needs_reason=False)
APPROVE = Step(Status.APPROVED, (Status.SUBMITTED,), by_staff=True, needs_reason=False)
REQUEST_CHANGES = Step(Status.CHANGES_REQUESTED, (Status.SUBMITTED,), by_staff=True, needs_reason=True)
REJECT = Step(Status.REJECTED, (Status.SUBMITTED,), by_staff=True, needs_reason=True)
SUSPEND = Step(Status.SUSPENDED, (Status.APPROVED,), by_staff=True, needs_reason=True)
REINSTATE = Step(Status.APPROVED, (Status.SUSPENDED,), by_staff=True, needs_reason=False)

REVIEW_PERMISSION = "storefronts.review_storefront"


class IllegalTransition(Exception):
    """The requested change is not allowed from the stall's current status (or lacks its reason)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def can_review(user):
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def is_member(user, storefront):
    return Membership.objects.filter(user=user, cooperative_id=storefront.cooperative_id).exists()


def change_status(storefront, step, actor, reason=""):
    """Move ``storefront`` one legal step; returns the recorded transition."""
    reason = (reason or "").strip()
    if step.by_staff and not can_review(actor):
        raise PermissionDenied
    if not step.by_staff and not is_member(actor, storefront):
        raise PermissionDenied
    with transaction.atomic():
        locked = Storefront.objects.select_for_update().get(pk=storefront.pk)
        if locked.status not in step.sources:
            raise IllegalTransition(
                _("Không thể chuyển gian hàng từ “%(from)s” sang “%(to)s”.")
                % {"from": locked.get_status_display(), "to": Status(step.to_status).label}
            )
        if step.needs_reason and not reason:
            raise IllegalTransition(_("Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì."))
        record = StorefrontTransition.objects.create(
            storefront=locked, from_status=locked.status, to_status=step.to_status, actor=actor, reason=reason
        )
        locked.status = step.to_status
        if step is SUBMIT:
            locked.submitted_at = timezone.now()
        if step is APPROVE and locked.partner_id is None:
            open_partner(locked)
        locked.save()
        transaction.on_commit(lambda: notify_owners(locked, record))
    storefront.refresh_from_db()
    return record


def open_partner(storefront):
    """The Oscar partner the stall sells through, with the cooperative's members as its users.

    Members get no ``partner.dashboard_access``: Oscar's dashboard shows a whole order when one line is a partner's
    (Oscar issue #2240), so members work only in their seller centre under /<lang>/my-stall/ (issue 17).
    """
    storefront.partner = Partner.objects.create(name=storefront.name_vi or storefront.name, code=storefront.slug)
    for membership in storefront.cooperative.memberships.select_related("user"):
        storefront.partner.users.add(membership.user)


def notify_owners(storefront, record):
    owners = storefront.cooperative.memberships.filter(role=Membership.Role.OWNER).select_related("user")
    for owner in owners:
        with translation.override(owner.language):
            context = {
                "storefront": storefront,
                "transition": record,
                "user": owner.user,
                "site_url": settings.SITE_URL,
                "application_path": reverse("storefronts:application"),
            }
            subject = render_to_string("storefronts/email/status_changed_subject.txt", context).strip()
            body = render_to_string("storefronts/email/status_changed_body.txt", context)
        send_email_on_commit(subject, body, [owner.user.email])


def submit_application(storefront, actor):
    return change_status(storefront, SUBMIT, actor)


def approve_storefront(storefront, actor):
    return change_status(storefront, APPROVE, actor)


def request_changes(storefront, actor, reason):
    return change_status(storefront, REQUEST_CHANGES, actor, reason)


def reject_storefront(storefront, actor, reason):
    return change_status(storefront, REJECT, actor, reason)


def suspend_storefront(storefront, actor, reason):
    return change_status(storefront, SUSPEND, actor, reason)


def reinstate_storefront(storefront, actor):
    return change_status(storefront, REINSTATE, actor)
