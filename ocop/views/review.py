"""Union staff verify OCOP certificates inside the dashboard (/dashboard/ocop/).

Every view needs the "ocop.verify_certificate" permission (not ``is_superuser``): a visitor who is not logged in is
sent to the dashboard's login page, a logged-in user without the permission gets 403. Status changes go through
``ocop.workflow`` only.
"""

from pathlib import PurePath

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop import workflow
from ocop.forms.review import DECISIONS, CertificateQueueFilterForm
from ocop.models import OcopCertificate
from shop.private_files import private_file_response
from shop.review import views as review
from storefronts.application import document_type


class CertificateReview:
    workflow = workflow.CERTIFICATES
    namespace = "ocop-review"
    title = _("Xác minh giấy chứng nhận OCOP")


class CertificateQueueView(CertificateReview, review.QueueView):
    """Certificates to verify, oldest first, filtered by status (waiting ones by default)."""

    template_name = "ocop/review/queue.html"
    context_object_name = "certificates"
    filter_form_class = CertificateQueueFilterForm
    queryset = (
        OcopCertificate.objects.select_related("storefront__cooperative", "issuing_province")
        .prefetch_related("products")
        .order_by("created_at", "pk")
    )


class CertificatePageMixin(CertificateReview, review.ReviewPageMixin):
    """One certificate, whole, with the decisions legal for its status."""

    template_name = "ocop/review/detail.html"
    queryset = OcopCertificate.objects.select_related(
        "storefront__cooperative__province", "issuing_province", "submitted_by"
    )
    decisions = DECISIONS
    system_actor = _("Hệ thống (hết hạn tự động)")

    def subject_name(self, certificate):
        return certificate.certificate_number

    def subject_context(self, certificate):
        return {
            "certificate": certificate,
            "storefront": certificate.storefront,
            "cooperative": certificate.storefront.cooperative,
            "products": certificate.products.order_by("title", "pk"),
            "has_scan": bool(certificate.scan) and certificate.scan.storage.exists(certificate.scan.name),
        }


class CertificateReviewView(CertificatePageMixin, review.ReviewPageView):
    pass


class CertificateDecisionView(CertificatePageMixin, review.DecisionView):
    """Verify, reject or revoke; POST only."""

    def done_message_arguments(self, certificate):
        return {"number": certificate.certificate_number}


class CertificateScanView(CertificateReview, review.ReviewerRequiredMixin, View):
    """The certificate's scan, from private storage, always as a download whose type comes from its content."""

    def get(self, request, pk):
        certificate = get_object_or_404(OcopCertificate, pk=pk)
        scan = certificate.scan
        if not scan or not scan.storage.exists(scan.name):
            raise Http404
        content_type, extension = document_type(scan.storage.head(scan.name, 16)) or ("application/octet-stream", "")
        name = slugify(certificate.certificate_number) or str(certificate.pk)
        filename = f"giay-chung-nhan-ocop-{name}{extension or PurePath(scan.name).suffix}"
        return private_file_response(scan, filename=filename, content_type=content_type)
