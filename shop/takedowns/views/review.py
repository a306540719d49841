"""Union staff's takedown queue inside the dashboard (/dashboard/takedowns/), on ``shop.review``'s views.

Every view needs "takedowns.handle_takedown" (the union staff group's): a visitor who is not logged in is sent to the
dashboard's login page, a logged-in user without it gets 403. Decisions go through ``shop.takedowns.workflow`` only.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop.review import views as review
from shop.takedowns import workflow
from shop.takedowns.forms import DECISIONS, AuthorityCaseForm, AuthorityRequestForm, TakedownQueueFilterForm
from shop.takedowns.models import AuthorityRequest, Takedown


class TakedownReview:
    workflow = workflow.TAKEDOWNS
    namespace = "takedown-review"
    title = _("Báo cáo vi phạm")


class TakedownQueueView(TakedownReview, review.QueueView):
    """Cases to decide, the most urgent first (the 24-hour clock), with how many reports each has."""

    template_name = "takedowns/review/queue.html"
    context_object_name = "takedowns"
    filter_form_class = TakedownQueueFilterForm
    waiting_status = Takedown.Status.OPEN
    queryset = (
        Takedown.objects.select_related("storefront")
        .annotate(
            report_count=Count("reports"),
            from_authority=Exists(AuthorityRequest.objects.filter(takedown=OuterRef("pk"))),
        )
        .order_by("clock_started_at", "pk")
    )


class TakedownPageMixin(TakedownReview, review.ReviewPageMixin):
    """One case: the listing, the clock, the reports, the authority's requests, the history and the decisions."""

    template_name = "takedowns/review/detail.html"
    queryset = Takedown.objects.select_related("storefront__cooperative", "product")
    decisions = DECISIONS
    authority_form = None

    def subject_name(self, takedown):
        return takedown.listing_title

    def subject_context(self, takedown):
        return {
            "takedown": takedown,
            "reports": takedown.reports.all(),
            "authority_requests": takedown.authority_requests.select_related("recorded_by"),
            "authority_form": self.authority_form or AuthorityRequestForm(),
            "listing_url": listing_url(takedown),
        }


def listing_url(takedown):
    if takedown.kind == Takedown.Kind.STALL:
        return takedown.storefront.get_absolute_url()
    return takedown.product.get_absolute_url() if takedown.product_id else ""


class TakedownDetailView(TakedownPageMixin, review.ReviewPageView):
    pass


class TakedownDecisionView(TakedownPageMixin, review.DecisionView):
    """Take down, dismiss, restore or keep down; POST only."""


class AuthorityRequestView(TakedownPageMixin, View):
    """POST: record an authority's request on the case; a mistake shows the page again with what was typed (400)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        takedown = self.get_subject()
        form = AuthorityRequestForm(request.POST)
        if not form.is_valid():
            self.authority_form = form
            return self.render_page(takedown, status=400)
        workflow.record_authority_request(takedown, request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi nhận văn bản yêu cầu của cơ quan có thẩm quyền."))
        return redirect("takedown-review:detail", pk=takedown.pk)


class AuthorityCaseView(TakedownReview, review.ReviewerRequiredMixin, View):
    """An authority's request about a listing nobody reported: staff paste the listing's address and the document's
    reference, and the case opens with the clock running from the document's receipt."""

    template_name = "takedowns/review/new.html"

    def get(self, request):
        return self.render_form(AuthorityCaseForm())

    def post(self, request):
        form = AuthorityCaseForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        takedown = workflow.open_case_for_authority(request.user, **form.listing(), **form.authority_request())
        messages.success(request, _("Đã ghi nhận văn bản yêu cầu của cơ quan có thẩm quyền."))
        return redirect("takedown-review:detail", pk=takedown.pk)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, **self.review_context()}, status=status)
