"""A review queue's pages inside the dashboard: the queue, one subject with its decisions, a decision.

Every view needs the workflow's permission (not ``is_superuser``): a visitor who is not logged in is sent to the
dashboard's login page, a logged-in user without the permission gets 403. A subclass names its ``workflow``, its URL
``namespace`` (with the names ``queue``, ``detail`` and ``decide``), its title and its decisions.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from shop.review.errors import ReviewError
from shop.review.forms import DecisionForm


class ReviewerRequiredMixin(PermissionRequiredMixin):
    workflow = None  # the queue's shop.review.workflow.Workflow
    namespace = ""  # the queue's URL namespace
    title = ""  # the queue's name, in breadcrumbs and titles
    login_url = reverse_lazy("dashboard:login")

    def get_permission_required(self):
        return [self.workflow.permission]

    def review_context(self):
        return {"queue_title": self.title, "queue_url": reverse(f"{self.namespace}:queue")}


class QueueView(ReviewerRequiredMixin, ListView):
    """Subjects to review, filtered by ``filter_form_class`` (waiting ones by default), in pages of 25."""

    filter_form_class = None
    paginate_by = 25
    waiting_status = "submitted"

    def get(self, request, *args, **kwargs):
        self.filters = self.filter_form_class(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filters.filter(super().get_queryset())

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end (or not a number) shows the nearest real page instead of an error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        waiting = self.workflow.model._default_manager.filter(status=self.waiting_status)
        return super().get_context_data(
            filters=self.filters,
            waiting_status=self.waiting_status,
            waiting_count=waiting.count(),
            **self.review_context(),
            **kwargs,
        )


class ReviewPageMixin(ReviewerRequiredMixin):
    """Loads one subject and renders it whole, with its history and the decisions legal for its status."""

    queryset = None  # where the subject is looked up by its pk
    decisions = {}  # slug → shop.review.forms.Decision
    system_actor = _("(tài khoản đã xóa)")  # the history's name for a change without a user

    def get_subject(self):
        return get_object_or_404(self.queryset.all(), pk=self.kwargs["pk"])

    def subject_name(self, subject):
        return str(subject)

    def subject_context(self, subject):
        """What the app's template shows of the subject besides its history and decisions."""
        return {}

    def render_page(self, subject, failed_form=None, status=200):
        forms = [DecisionForm(decision) for decision in self.decisions.values() if decision.is_legal_for(subject)]
        if failed_form is not None:
            forms = [failed_form if form.decision == failed_form.decision else form for form in forms]
        context = {
            **self.review_context(),
            "subject": subject,
            "subject_name": self.subject_name(subject),
            "history": self.workflow.history(subject),
            "system_actor": self.system_actor,
            "decide_url_name": f"{self.namespace}:decide",
            "decision_forms": forms,
            "failed_form": failed_form,
            "failed_form_shown": failed_form is not None and failed_form in forms,
            **self.subject_context(subject),
        }
        return render(self.request, self.template_name, context, status=status)


class ReviewPageView(ReviewPageMixin, View):
    def get(self, request, pk):
        return self.render_page(self.get_subject())


class DecisionView(ReviewPageMixin, View):
    """One decision, named by the slug in the URL; POST only. A refusal shows the page again with the message and
    the reason typed (400)."""

    http_method_names = ["post"]

    def done_message_arguments(self, subject):
        return {"name": self.subject_name(subject)}

    def post(self, request, pk, action):
        decision = self.decisions.get(action)
        if decision is None:
            raise Http404
        subject = self.get_subject()
        form = DecisionForm(decision, request.POST)
        if form.is_valid():
            try:
                decision.carry_out(subject, request.user, form.cleaned_data.get("reason", ""))
            except ReviewError as refused:
                form.refuse(refused)
            else:
                messages.success(request, decision.done_message % self.done_message_arguments(subject))
                return redirect(f"{self.namespace}:queue")
        return self.render_page(subject, failed_form=form, status=400)
