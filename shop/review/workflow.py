"""A reviewed subject's status changes one legal step at a time, through ``Workflow.change_status``.

A queue declares its transition table as ``Step`` values and subclasses ``Workflow`` with its model, its log model
and the permission its staff act through. ``change_status`` checks who takes the step, locks the subject's row,
checks the step starts from the current status and carries its reason, records the change (who, when, from, to,
why), saves the subject and, once the transaction commits, sends the notification.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from shop.locking import lock_one
from shop.review.errors import IllegalTransition, ReviewErrorCode
from shop.tasks import send_email_on_commit


class Actor(StrEnum):
    """Who takes a step: union staff (with the workflow's permission), a member of the subject's cooperative, or the
    system (a scheduled job, no user)."""

    STAFF = "staff"
    MEMBER = "member"
    SYSTEM = "system"


@dataclass(frozen=True)
class Step:
    """One row of a transition table: to ``to_status`` from any of ``sources``, taken ``by`` whom."""

    to_status: str
    sources: tuple
    needs_reason: bool = False
    by: Actor = Actor.STAFF

    @property
    def by_staff(self):
        return self.by == Actor.STAFF

    def starts_from(self, status):
        return status in self.sources


class Workflow:
    """The status changes of one reviewed model. Subclasses set the attributes and may override the hooks."""

    model = None  # the reviewed model: a ``status`` field with its ``Status`` choices
    log_model = None  # a concrete ``shop.review.models.StatusChange``
    subject_field = ""  # the log model's foreign key to ``model``
    permission = ""  # "app_label.codename" union staff act through
    illegal_step_message = None  # with %(from)s and %(to)s, the status labels
    reason_required_message = _("Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì.")
    saved_fields = None  # what ``change_status`` saves of the subject; None: everything (and its signals see it all)

    # --- Hooks ----------------------------------------------------------------------------------------------------

    def is_member(self, user, subject):
        """Whether ``user`` acts for the cooperative the subject belongs to (for steps taken by members)."""
        return False

    def apply(self, subject, step):
        """What else the step changes on the locked subject, before it is saved (a date, a partner account...)."""

    def notify(self, subject, record):
        """Tell the people concerned, after the change is committed."""

    # --- The service ----------------------------------------------------------------------------------------------

    def can_review(self, user):
        return user is not None and user.is_active and user.has_perm(self.permission)

    def may_take(self, step, actor, subject):
        if step.by == Actor.STAFF:
            return self.can_review(actor)
        if step.by == Actor.MEMBER:
            return actor is not None and self.is_member(actor, subject)
        return actor is None

    def change_status(self, subject, step, actor, reason=""):
        """Move ``subject`` one legal step; returns the recorded change. Raises ``PermissionDenied`` when ``actor``
        may not take the step, ``IllegalTransition`` (with its code) when the step is not legal now."""
        reason = (reason or "").strip()
        if not self.may_take(step, actor, subject):
            raise PermissionDenied
        with transaction.atomic():
            locked = lock_one(self.model, subject.pk)
            self.check_step(locked, step, reason)
            record = self.record(locked, locked.status, step.to_status, actor, reason)
            locked.status = step.to_status
            self.apply(locked, step)
            locked.save(update_fields=self.saved_fields)
            transaction.on_commit(lambda: self.notify(locked, record))
        subject.refresh_from_db()
        return record

    def check_step(self, subject, step, reason):
        if not step.starts_from(subject.status):
            labels = {"from": subject.get_status_display(), "to": self.model.Status(step.to_status).label}
            raise IllegalTransition(self.illegal_step_message % labels, code=ReviewErrorCode.ILLEGAL_STEP)
        if step.needs_reason and not reason:
            raise IllegalTransition(self.reason_required_message, code=ReviewErrorCode.REASON_REQUIRED)

    def record(self, subject, from_status, to_status, actor, reason=""):
        """The log row of one change (``from_status`` is ``models.NEW`` for a subject just created)."""
        return self.log_model.objects.create(
            **{self.subject_field: subject},
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
        )

    def history(self, subject):
        """The subject's changes, newest first, with who made them."""
        return self.log_model.objects.filter(**{self.subject_field: subject}).select_related("actor")


def mail_in_their_language(memberships, template, context_for):
    """Send ``template``'s subject and body (``<template>_subject.txt``, ``<template>_body.txt``) to each member in
    the language they read e-mail in; ``context_for(membership)`` is built in that language (its links carry it)."""
    for membership in memberships:
        with translation.override(membership.language):
            context = {**context_for(membership), "user": membership.user}
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_body.txt", context)
        send_email_on_commit(subject, body, [membership.user.email])
