"""A member's production batches and their traceability stamps under /<lang>/my-stall/batches/: the list, a new
batch, one batch with its stamps, generating stamps, and the printable sheets of QR codes.

Only members of an approved stall come in (``stall_access = "approved"``; others get the stall access page, 403);
every batch id in a URL is looked up among the batches of the member's own stall's products, so another stall's
batch is a 404.
"""

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from ocop import stamps
from ocop.forms.member_batches import BatchForm, GenerateStampsForm
from ocop.models import Batch
from storefronts.access import StallMemberRequiredMixin

BATCHES_PER_PAGE = 25


class BatchMixin(StallMemberRequiredMixin):
    stall_access = "approved"

    def batches(self):
        return Batch.objects.filter(product__storefront=self.storefront).select_related("product")

    def get_batch(self, pk):
        return get_object_or_404(self.batches(), pk=pk)


class BatchListView(BatchMixin, ListView):
    template_name = "ocop/batches/list.html"
    context_object_name = "batches"
    paginate_by = BATCHES_PER_PAGE

    def get_queryset(self):
        return self.batches().annotate(stamp_count=Count("stamps")).order_by("-production_date", "-pk")

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end (or not a number) shows the nearest real page instead of an error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(storefront=self.storefront, **kwargs)


class BatchCreateView(BatchMixin, View):
    template_name = "ocop/batches/form.html"

    def get(self, request):
        initial = {"product": request.GET.get("product")} if request.GET.get("product", "").isdigit() else {}
        return self.render_form(BatchForm(storefront=self.storefront, initial=initial))

    def post(self, request):
        form = BatchForm(request.POST, storefront=self.storefront)
        batch = form.save() if form.is_valid() else None
        if batch is None:
            return self.render_form(form, status=400)
        messages.success(
            request,
            _("Đã lưu lô %(lot)s. Bây giờ bạn có thể tạo tem truy xuất cho lô này.") % {"lot": batch.lot_code},
        )
        return redirect("ocop:member-batch", pk=batch.pk)

    def render_form(self, form, status=200):
        context = {"storefront": self.storefront, "form": form}
        return render(self.request, self.template_name, context, status=status)


class BatchPageMixin(BatchMixin):
    """Renders one batch whole: its facts, its stamps' figures, the stamp form and the links to its sheets."""

    template_name = "ocop/batches/detail.html"

    def render_batch(self, batch, form=None, status=200):
        figures = batch.stamps.aggregate(
            total=Count("pk"), checked=Count("pk", filter=Q(check_count__gt=0)), checks=Sum("check_count")
        )
        allowance = stamps.stamp_allowance(batch)
        sheets = []
        if figures["total"]:
            for page in range(1, stamps.sheet_count(batch) + 1):
                first = (page - 1) * stamps.STAMPS_PER_SHEET + 1
                last = min(page * stamps.STAMPS_PER_SHEET, figures["total"])
                sheets.append({"page": page, "first": first, "last": last})
        context = {
            "storefront": self.storefront,
            "batch": batch,
            "figures": figures,
            "allowance": allowance,
            "left": max(0, allowance - figures["total"]),
            "sheets": sheets,
            "form": form or GenerateStampsForm(),
            "stamps_per_sheet": stamps.STAMPS_PER_SHEET,
        }
        return render(self.request, self.template_name, context, status=status)


class BatchDetailView(BatchPageMixin, View):
    def get(self, request, pk):
        return self.render_batch(self.get_batch(pk))


class GenerateStampsView(BatchPageMixin, View):
    """Make new stamps for the batch; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk):
        batch = self.get_batch(pk)
        form = GenerateStampsForm(request.POST)
        new = form.generate(batch) if form.is_valid() else None
        if new is None:
            return self.render_batch(batch, form=form, status=400)
        messages.success(
            request,
            _("Đã tạo %(count)s tem mới cho lô %(lot)s. In các trang tem bên dưới.")
            % {"count": stamps.grouped(len(new)), "lot": batch.lot_code},
        )
        return redirect(reverse("ocop:member-batch", kwargs={"pk": batch.pk}) + "#sheets")


class StampSheetView(BatchMixin, View):
    """One printable A4 sheet (PNG, 150 dpi) of the batch's stamps: ?page=N, from 1."""

    def get(self, request, pk):
        batch = self.get_batch(pk)
        page = request.GET.get("page", "1")
        if not page.isdigit() or not 1 <= int(page) <= stamps.sheet_count(batch):
            raise Http404
        response = HttpResponse(stamps.render_sheet(batch, int(page)), content_type="image/png")
        filename = f"tem-{slugify(batch.lot_code) or batch.pk}-trang-{page}.png"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        patch_cache_control(response, private=True, no_cache=True)
        return response
