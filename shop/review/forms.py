"""A queue's filters and a reviewer's decision. The forms validate only: the views call the workflow."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.review.workflow import Step

ALL_STATUSES = "all"


def status_filter(status_choices, invalid_message):
    """The queue's status filter: one status, or all of them."""
    return forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[(ALL_STATUSES, _("Tất cả trạng thái")), *status_choices],
        required=False,
        error_messages={"invalid_choice": invalid_message},
    )


class QueueFilterForm(forms.Form):
    """A queue's filters, read from the query string; a subclass declares a ``status`` field (``status_filter``),
    any other filter, and their ``DEFAULTS``.

    A value the form does not know is dropped with a message (``notices``) and the field falls back to its default,
    so a stale or hand-edited link still shows a list.
    """

    DEFAULTS = {"status": ""}

    def __init__(self, query, **kwargs):
        data = query.copy()
        for name, default in self.DEFAULTS.items():
            if not data.get(name):
                data[name] = default
        super().__init__(data, **kwargs)
        self.notices = []
        self.is_valid()
        for name, errors in self.errors.items():
            self.notices.extend(errors)
            self.data[name] = self.DEFAULTS[name]  # the select shows the filter actually applied

    @property
    def applied_status(self):
        value = self.cleaned_data.get("status") or self.DEFAULTS["status"]
        return None if value == ALL_STATUSES else value

    def filter(self, subjects):
        return subjects.filter(status=self.applied_status) if self.applied_status else subjects


@dataclass(frozen=True)
class Decision:
    """One thing a reviewer can decide, and the workflow function that carries it out.

    ``perform(subject, actor)``, or ``perform(subject, actor, reason)`` when the step needs a reason.
    """

    slug: str
    step: Step
    perform: Callable
    label: str
    done_message: str
    button_class: str

    @property
    def needs_reason(self):
        return self.step.needs_reason

    def is_legal_for(self, subject):
        return self.step.starts_from(subject.status)

    def carry_out(self, subject, actor, reason=""):
        if self.needs_reason:
            return self.perform(subject, actor, reason)
        return self.perform(subject, actor)


class DecisionForm(forms.Form):
    """A reviewer's decision; refusals, suspensions and revocations carry the reason the cooperative will read.

    It validates only; the view carries the decision out and, if the workflow refuses, shows its message here
    (``refuse``).
    """

    reason = forms.CharField(
        label=_("Lý do (gửi cho hợp tác xã)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì.")},
    )

    def __init__(self, decision, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{decision.slug}_%s")  # several decisions share one page
        super().__init__(*args, **kwargs)
        self.decision = decision
        if not decision.needs_reason:
            del self.fields["reason"]

    def refuse(self, refused):
        """Show the workflow's refusal (a ``ReviewError``) beside the reason it concerns, with its code."""
        field = "reason" if self.decision.needs_reason else None
        self.add_error(field, forms.ValidationError(refused.message, code=refused.code))
