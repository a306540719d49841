"""Union staff's review of stall applications, inside the dashboard (/dashboard/stalls/).

Every view needs the review permission (not ``is_superuser``): a visitor who is not logged in is sent to the
dashboard's login page, a logged-in user without the permission gets 403. Status changes go through
``storefronts.workflow`` only.
"""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.cache import patch_cache_control
from django.views import View
from django.views.generic import ListView

from storefronts import workflow
from storefronts.models import Storefront
from storefronts.review_forms import DECISIONS, DecisionForm, QueueFilterForm, legal_decisions

Status = Storefront.Status

# The first bytes of the document formats a cooperative may upload, so the download's type comes from the content.
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]


def sniff_content_type(head):
    """The type the bytes say they are; anything unknown is served as opaque bytes."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return "application/octet-stream"


class ReviewerRequiredMixin(PermissionRequiredMixin):
    permission_required = workflow.REVIEW_PERMISSION
    login_url = reverse_lazy("dashboard:login")


class ReviewQueueView(ReviewerRequiredMixin, ListView):
    """Applications to review, oldest first, filtered by status (waiting ones by default) and province."""

    template_name = "storefronts/review/queue.html"
    context_object_name = "stalls"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filters = QueueFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        stalls = Storefront.objects.select_related("cooperative__province").order_by(
            F("submitted_at").asc(nulls_last=True), "created_at", "pk"
        )
        return self.filters.filter(stalls)

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end (or not a number) shows the nearest real page instead of an error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            waiting_count=Storefront.objects.filter(status=Status.SUBMITTED).count(),
            **kwargs,
        )


class ApplicationPageMixin(ReviewerRequiredMixin):
    """Loads one stall and renders its whole application with the decisions legal for its status."""

    template_name = "storefronts/review/detail.html"

    def get_storefront(self):
        stalls = Storefront.objects.select_related("cooperative__province", "partner")
        return get_object_or_404(stalls, pk=self.kwargs["pk"])

    def render_application(self, storefront, failed_form=None, status=200):
        forms = [DecisionForm(decision) for decision in legal_decisions(storefront)]
        if failed_form is not None:
            forms = [failed_form if form.decision == failed_form.decision else form for form in forms]
        cooperative = storefront.cooperative
        owners_first = cooperative.memberships.select_related("user").order_by("-role", "created_at")
        context = {
            "storefront": storefront,
            "cooperative": cooperative,
            "memberships": owners_first,
            "transitions": storefront.transitions.select_related("actor"),
            "decision_forms": forms,
            "failed_form": failed_form,
            "failed_form_shown": failed_form is not None and failed_form in forms,
        }
        return render(self.request, self.template_name, context, status=status)


class ReviewDetailView(ApplicationPageMixin, View):
    def get(self, request, pk):
        return self.render_application(self.get_storefront())


class DecisionView(ApplicationPageMixin, View):
    """Approve, request changes, reject, suspend or reinstate; POST only."""

    def post(self, request, pk, action):
        decision = DECISIONS.get(action)
        if decision is None:
            raise Http404
        storefront = self.get_storefront()
        form = DecisionForm(decision, request.POST)
        record = form.decide(storefront, request.user) if form.is_valid() else None
        if record is None:
            return self.render_application(storefront, failed_form=form, status=400)
        messages.success(request, decision.done_message % {"name": storefront.name})
        return redirect("storefront-review:queue")


class CertificateView(ReviewerRequiredMixin, View):
    """The cooperative's registration certificate, from private storage, always as a download."""

    def get(self, request, pk):
        storefront = get_object_or_404(Storefront.objects.select_related("cooperative"), pk=pk)
        cooperative = storefront.cooperative
        document = cooperative.registration_certificate
        if not document or not document.storage.exists(document.name):
            raise Http404
        handle = document.open("rb")
        content_type = sniff_content_type(handle.read(16))
        handle.seek(0)
        filename = f"giay-chung-nhan-{cooperative.registration_number}{PurePath(document.name).suffix}"
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        patch_cache_control(response, private=True, no_store=True)
        return response
