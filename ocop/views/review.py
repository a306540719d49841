"""Union staff verify OCOP certificates inside the dashboard (/dashboard/ocop/).

Every view needs the "ocop.verify_certificate" permission (not ``is_superuser``): a visitor who is not logged in is
sent to the dashboard's login page, a logged-in user without the permission gets 403. Status changes go through
``ocop.workflow`` only.
"""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views import View
from django.views.generic import ListView

from ocop import workflow
from ocop.forms import DECISIONS, DecisionForm, QueueFilterForm, legal_decisions
from ocop.models import OcopCertificate
from storefronts.application import document_type

Status = OcopCertificate.Status


class VerifierRequiredMixin(PermissionRequiredMixin):
    permission_required = workflow.VERIFY_PERMISSION
    login_url = reverse_lazy("dashboard:login")


class CertificateQueueView(VerifierRequiredMixin, ListView):
    """Certificates to verify, oldest first, filtered by status (waiting ones by default)."""

    template_name = "ocop/review/queue.html"
    context_object_name = "certificates"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filters = QueueFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        certificates = (
            OcopCertificate.objects.select_related("storefront__cooperative", "issuing_province")
            .prefetch_related("products")
            .order_by("created_at", "pk")
        )
        return self.filters.filter(certificates)

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end (or not a number) shows the nearest real page instead of an error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            waiting_count=OcopCertificate.objects.filter(status=Status.SUBMITTED).count(),
            **kwargs,
        )


class CertificatePageMixin(VerifierRequiredMixin):
    """Loads one certificate and renders it whole, with the decisions legal for its status."""

    template_name = "ocop/review/detail.html"

    def get_certificate(self):
        certificates = OcopCertificate.objects.select_related(
            "storefront__cooperative__province", "issuing_province", "submitted_by"
        )
        return get_object_or_404(certificates, pk=self.kwargs["pk"])

    def render_certificate(self, certificate, failed_form=None, status=200):
        forms = [DecisionForm(decision) for decision in legal_decisions(certificate)]
        if failed_form is not None:
            forms = [failed_form if form.decision == failed_form.decision else form for form in forms]
        context = {
            "certificate": certificate,
            "storefront": certificate.storefront,
            "cooperative": certificate.storefront.cooperative,
            "products": certificate.products.order_by("title", "pk"),
            "decisions": certificate.decisions.select_related("actor"),
            "has_scan": bool(certificate.scan) and certificate.scan.storage.exists(certificate.scan.name),
            "decision_forms": forms,
            "failed_form": failed_form,
            "failed_form_shown": failed_form is not None and failed_form in forms,
        }
        return render(self.request, self.template_name, context, status=status)


class CertificateReviewView(CertificatePageMixin, View):
    def get(self, request, pk):
        return self.render_certificate(self.get_certificate())


class CertificateDecisionView(CertificatePageMixin, View):
    """Verify, reject or revoke; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        decision = DECISIONS.get(action)
        if decision is None:
            raise Http404
        certificate = self.get_certificate()
        form = DecisionForm(decision, request.POST)
        record = form.decide(certificate, request.user) if form.is_valid() else None
        if record is None:
            return self.render_certificate(certificate, failed_form=form, status=400)
        messages.success(request, decision.done_message % {"number": certificate.certificate_number})
        return redirect("ocop-review:queue")


class CertificateScanView(VerifierRequiredMixin, View):
    """The certificate's scan, from private storage, always as a download whose type comes from its content."""

    def get(self, request, pk):
        certificate = get_object_or_404(OcopCertificate, pk=pk)
        scan = certificate.scan
        if not scan or not scan.storage.exists(scan.name):
            raise Http404
        handle = scan.open("rb")
        content_type, extension = document_type(handle.read(16)) or ("application/octet-stream", "")
        handle.seek(0)
        name = slugify(certificate.certificate_number) or str(certificate.pk)
        filename = f"giay-chung-nhan-ocop-{name}{extension or PurePath(scan.name).suffix}"
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        patch_cache_control(response, private=True, no_store=True)
        return response
