"""A stall's status workflow: every change goes through ``change_status`` (``shop.review``'s), one legal step at a time.

    draft ─submit→ submitted ─approve→ approved ⇄ suspended
                       │  └─request changes→ changes requested ─submit→ submitted
                       └─reject→ rejected

Each change is checked, recorded (who, when, from, to, why) and e-mailed to the cooperative's owners in their own
language once the transaction commits. The first approval opens the stall's Oscar partner.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.review.errors import IllegalTransition  # noqa: F401 (callers catch workflow.IllegalTransition)
from shop.review.workflow import Actor, Step, Workflow, mail_in_their_language
from storefronts.models import Membership, Storefront, StorefrontTransition

Status = Storefront.Status
Partner = get_model("partner", "Partner")

SUBMIT = Step(Status.SUBMITTED, (Status.DRAFT, Status.CHANGES_REQUESTED), by=Actor.MEMBER)
APPROVE = Step(Status.APPROVED, (Status.SUBMITTED,))
REQUEST_CHANGES = Step(Status.CHANGES_REQUESTED, (Status.SUBMITTED,), needs_reason=True)
REJECT = Step(Status.REJECTED, (Status.SUBMITTED,), needs_reason=True)
SUSPEND = Step(Status.SUSPENDED, (Status.APPROVED,), needs_reason=True)
REINSTATE = Step(Status.APPROVED, (Status.SUSPENDED,))

REVIEW_PERMISSION = "storefronts.review_storefront"


def is_member(user, storefront):
    return Membership.objects.filter(user=user, cooperative_id=storefront.cooperative_id).exists()


class StallWorkflow(Workflow):
    model = Storefront
    log_model = StorefrontTransition
    subject_field = "storefront"
    permission = REVIEW_PERMISSION
    illegal_step_message = _("Không thể chuyển gian hàng từ “%(from)s” sang “%(to)s”.")

    def is_member(self, user, storefront):
        return is_member(user, storefront)

    def apply(self, storefront, step):
        if step is SUBMIT:
            storefront.submitted_at = timezone.now()
        if step is APPROVE and storefront.partner_id is None:
            open_partner(storefront)

    def notify(self, storefront, record):
        notify_owners(storefront, record)


STALLS = StallWorkflow()


def change_status(storefront, step, actor, reason=""):
    """Move ``storefront`` one legal step; returns the recorded transition."""
    return STALLS.change_status(storefront, step, actor, reason)


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
    context = {
        "storefront": storefront,
        "transition": record,
        "site_url": settings.SITE_URL,
    }
    mail_in_their_language(
        owners,
        "storefronts/email/status_changed",
        lambda owner: {**context, "application_path": reverse("storefronts:application")},
    )


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
