"""A stall's own takedowns under /<lang>/my-stall/takedowns/: what union staff took down and why, and the request
for review once the listing is fixed. Only the member's own stall's cases exist here (404 on another's)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop.review.errors import ReviewError
from shop.takedowns import workflow
from shop.takedowns.forms import ReviewRequestForm
from shop.takedowns.models import Takedown
from storefronts.access import StallMemberRequiredMixin


class StallTakedownsMixin(StallMemberRequiredMixin):
    stall_access = "any"  # a stall taken down whole is suspended, and must still reach this screen

    def takedowns(self):
        return Takedown.objects.filter(storefront=self.storefront, status__in=Takedown.SEEN_BY_STALL).select_related(
            "product"
        )


class TakedownListView(StallTakedownsMixin, View):
    def get(self, request):
        cases = self.takedowns().order_by("-updated_at", "-pk")
        return render(request, "takedowns/member/list.html", {"takedowns": cases, "storefront": self.storefront})


class TakedownDetailView(StallTakedownsMixin, View):
    """The case as the stall sees it (the reasons reported, staff's reasons, no reporter), with the review request."""

    def get(self, request, pk):
        return self.render_page(self.get_takedown(pk), ReviewRequestForm())

    def post(self, request, pk):
        takedown = self.get_takedown(pk)
        form = ReviewRequestForm(request.POST)
        if form.is_valid():
            try:
                workflow.ask_for_review(takedown, request.user, form.cleaned_data["note"])
            except ReviewError as refused:
                form.add_error("note", refused.message)
            else:
                messages.success(request, _("Đã gửi yêu cầu xem xét lại. Cán bộ Liên minh HTX sẽ trả lời qua thư."))
                return redirect("takedowns:member-detail", pk=takedown.pk)
        return self.render_page(takedown, form, status=400)

    def get_takedown(self, pk):
        return get_object_or_404(self.takedowns(), pk=pk)

    def render_page(self, takedown, form, status=200):
        context = {
            "takedown": takedown,
            "storefront": self.storefront,
            "reasons": sorted({report.get_reason_display() for report in takedown.reports.all()}),
            "history": workflow.TAKEDOWNS.history(takedown),
            "form": form if workflow.ASK_FOR_REVIEW.starts_from(takedown.status) else None,
        }
        return render(self.request, "takedowns/member/detail.html", context, status=status)
