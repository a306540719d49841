"""A takedown case's steps, each through ``shop.review``'s ``Workflow.change_status`` (checked, locked, logged with
who, when and why, notified once committed):

    (report or authority request) → open ─dismiss→ dismissed
                                        └─take down→ taken down ─stall asks for review→ review requested
                                                                                          ├─restore→ restored
                                                                                          └─keep down→ kept down
    kept down ─stall asks again→ review requested;   taken down or kept down ─restore→ restored

Taking down and restoring change the market in the same transaction (``removal.py``).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop.locking import for_update, lock_one
from shop.review.models import NEW
from shop.review.workflow import Actor, Step, Workflow, mail_in_their_language
from shop.takedowns import removal
from shop.takedowns.models import AuthorityRequest, Report, Takedown, TakedownChange
from storefronts.models import Membership
from storefronts.workflow import is_member

Status = Takedown.Status
PERMISSION = "takedowns.handle_takedown"

DISMISS = Step(Status.DISMISSED, (Status.OPEN,), needs_reason=True)
TAKE_DOWN = Step(Status.TAKEN_DOWN, (Status.OPEN,), needs_reason=True)
ASK_FOR_REVIEW = Step(
    Status.REVIEW_REQUESTED, (Status.TAKEN_DOWN, Status.KEPT_DOWN), needs_reason=True, by=Actor.MEMBER
)
RESTORE = Step(Status.RESTORED, (Status.REVIEW_REQUESTED, Status.TAKEN_DOWN, Status.KEPT_DOWN))
KEEP_DOWN = Step(Status.KEPT_DOWN, (Status.REVIEW_REQUESTED,), needs_reason=True)

# The steps the stall hears about by e-mail (it never hears of a report until staff act on it).
NOTIFIED = {Status.TAKEN_DOWN, Status.RESTORED, Status.KEPT_DOWN}


class TakedownWorkflow(Workflow):
    model = Takedown
    log_model = TakedownChange
    subject_field = "takedown"
    permission = PERMISSION
    illegal_step_message = _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
    reason_required_message = _("Vui lòng ghi rõ lý do: lý do được lưu vào hồ sơ và gửi cho gian hàng.")

    def is_member(self, user, takedown):
        return is_member(user, takedown.storefront)

    def notify(self, takedown, record):
        if record.to_status in NOTIFIED:
            notify_owners(takedown, record)


TAKEDOWNS = TakedownWorkflow()


# --- Reports and authority requests -----------------------------------------------------------------------------------


def file_report(*, reason, note="", contact_email="", reporter=None, language="vi", product=None, storefront=None):
    """Record a report about a product or (without one) a whole stall; it joins the listing's active case or opens
    one. Returns the report."""
    reporter = reporter if reporter is not None and reporter.is_authenticated else None
    with transaction.atomic():
        takedown = active_case(product=product, storefront=storefront, actor=reporter)
        return Report.objects.create(
            takedown=takedown,
            reason=reason,
            note=note.strip(),
            contact_email=contact_email,
            reporter=reporter,
            language=language,
        )


def active_case(*, product=None, storefront=None, actor=None):
    """The listing's active case, locked, or a new open one (its opening logged as the first step)."""
    if product is not None:
        listing = {"kind": Takedown.Kind.PRODUCT, "product": product}
        storefront = product.storefront
        title = product.get_title()
    else:
        listing = {"kind": Takedown.Kind.STALL, "storefront": storefront}
        title = storefront.name
    active = for_update(Takedown).filter(status__in=Takedown.ACTIVE, **listing)
    found = active.first()
    if found is not None:
        return found
    try:
        with transaction.atomic():  # two first reports at once: the constraint lets one case through
            takedown = Takedown.objects.create(**{"storefront": storefront, **listing}, listing_title=title[:255])
    except IntegrityError:
        return active.get()
    TAKEDOWNS.record(takedown, NEW, Status.OPEN, actor)
    return takedown


def record_authority_request(takedown, actor, *, authority, document_number, received_at):
    """Record a competent authority's request on the case; the 24 hours run from its receipt when that came first."""
    if not TAKEDOWNS.can_review(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = lock_one(Takedown, takedown.pk)
        request = AuthorityRequest.objects.create(
            takedown=locked,
            authority=authority,
            document_number=document_number,
            received_at=received_at,
            recorded_by=actor,
        )
        if received_at < locked.clock_started_at:
            locked.clock_started_at = received_at
            locked.save(update_fields=["clock_started_at", "updated_at"])
    takedown.refresh_from_db()
    return request


def open_case_for_authority(actor, *, product=None, storefront=None, **request):
    """Staff open (or add to) a listing's case from an authority's written request no visitor reported; returns it."""
    if not TAKEDOWNS.can_review(actor):
        raise PermissionDenied
    with transaction.atomic():
        takedown = active_case(product=product, storefront=storefront, actor=actor)
        record_authority_request(takedown, actor, **request)
    return takedown


# --- Decisions --------------------------------------------------------------------------------------------------------


def dismiss_report(takedown, actor, reason):
    return TAKEDOWNS.change_status(takedown, DISMISS, actor, reason)


def take_down(takedown, actor, reason):
    """Take the listing down everywhere at once, in one transaction with the recorded step."""
    with transaction.atomic():
        record = TAKEDOWNS.change_status(takedown, TAKE_DOWN, actor, reason)
        removal.take_listing_down(takedown, actor, reason)
    return record


def ask_for_review(takedown, actor, note):
    """The stall says what it fixed and asks staff to look again."""
    return TAKEDOWNS.change_status(takedown, ASK_FOR_REVIEW, actor, note)


def restore(takedown, actor):
    with transaction.atomic():
        record = TAKEDOWNS.change_status(takedown, RESTORE, actor)
        removal.restore_listing(takedown, actor)
    return record


def keep_down(takedown, actor, reason):
    return TAKEDOWNS.change_status(takedown, KEEP_DOWN, actor, reason)


# --- Telling the stall -------------------------------------------------------------------------------------------------


def notify_owners(takedown, record):
    owners = Membership.objects.filter(
        cooperative__storefront=takedown.storefront_id, role=Membership.Role.OWNER
    ).select_related("user")
    context = {"takedown": takedown, "change": record, "site_url": settings.SITE_URL}
    mail_in_their_language(
        owners,
        "takedowns/email/status_changed",
        lambda owner: {**context, "case_path": reverse("takedowns:member-detail", kwargs={"pk": takedown.pk})},
    )
