"""Union staff's review of stall applications, inside the dashboard (/dashboard/stalls/).

Every view needs the review permission (not ``is_superuser``): a visitor who is not logged in is sent to the
dashboard's login page, a logged-in user without the permission gets 403. Status changes go through
``storefronts.workflow`` only.
"""

from pathlib import PurePath

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop.private_files import private_file_response
from shop.review import views as review
from storefronts import workflow
from storefronts.models import Storefront
from storefronts.review_forms import DECISIONS, StallQueueFilterForm

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


class StallReview:
    workflow = workflow.STALLS
    namespace = "storefront-review"
    title = _("Duyệt gian hàng")


class ReviewQueueView(StallReview, review.QueueView):
    """Applications to review, oldest first, filtered by status (waiting ones by default) and province."""

    template_name = "storefronts/review/queue.html"
    context_object_name = "stalls"
    filter_form_class = StallQueueFilterForm
    queryset = Storefront.objects.select_related("cooperative__province").order_by(
        F("submitted_at").asc(nulls_last=True), "created_at", "pk"
    )


class ApplicationPageMixin(StallReview, review.ReviewPageMixin):
    """One stall's whole application with the decisions legal for its status."""

    template_name = "storefronts/review/detail.html"
    queryset = Storefront.objects.select_related("cooperative__province", "partner")
    decisions = DECISIONS

    def subject_name(self, storefront):
        return storefront.name

    def subject_context(self, storefront):
        cooperative = storefront.cooperative
        owners_first = cooperative.memberships.select_related("user").order_by("-role", "created_at")
        return {"storefront": storefront, "cooperative": cooperative, "memberships": owners_first}


class ReviewDetailView(ApplicationPageMixin, review.ReviewPageView):
    pass


class DecisionView(ApplicationPageMixin, review.DecisionView):
    """Approve, request changes, reject, suspend or reinstate; POST only."""


class CertificateView(StallReview, review.ReviewerRequiredMixin, View):
    """The cooperative's registration certificate, from private storage, always as a download."""

    def get(self, request, pk):
        storefront = get_object_or_404(Storefront.objects.select_related("cooperative"), pk=pk)
        cooperative = storefront.cooperative
        document = cooperative.registration_certificate
        if not document or not document.storage.exists(document.name):
            raise Http404
        content_type = sniff_content_type(document.storage.head(document.name, 16))
        filename = f"giay-chung-nhan-{cooperative.registration_number}{PurePath(document.name).suffix}"
        return private_file_response(document, filename=filename, content_type=content_type)
