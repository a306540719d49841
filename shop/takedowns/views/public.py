"""The report form on every product and stall page (/<lang>/report/...): anyone, signed in or not, may report a
listing. Reports are limited per client (``REPORTS``, ocop.ratelimit's fixed window), CSRF-checked, and a hidden
honeypot field drops what robots send. A listing that is not on the market cannot be reported (404)."""

from math import ceil

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_model

from ocop.ratelimit import RateLimit
from shop.takedowns import workflow
from shop.takedowns.forms import ReportForm
from storefronts.models import Storefront

Product = get_model("catalogue", "Product")

REPORTS = RateLimit(scope="listing-report", limit=10, window=60 * 60)


@method_decorator(never_cache, name="dispatch")
class ReportView(View):
    """GET: the form; POST: the report, then the thank-you page. Over the limit: the form again, as typed (429)."""

    template_name = "takedowns/report/form.html"

    def listing(self):
        """(product or None, stall) the report is about."""
        raise NotImplementedError

    def get(self, request, **kwargs):
        return self.render_form(ReportForm())

    def post(self, request, **kwargs):
        form = ReportForm(request.POST)
        decision = REPORTS.hit(request)
        if not decision.allowed:
            response = self.render_form(form, status=429, minutes=ceil(decision.retry_after / 60))
            response["Retry-After"] = str(decision.retry_after)
            return response
        if not form.is_valid():
            return self.render_form(form, status=400)
        if not form.is_robot:
            product, stall = self.listing()
            workflow.file_report(
                product=product,
                storefront=stall,
                reporter=request.user,
                language=get_language(),
                **{name: form.cleaned_data[name] for name in ("reason", "note", "contact_email")},
            )
        return redirect("takedowns:report-sent")

    def render_form(self, form, status=200, minutes=None):
        product, stall = self.listing()
        context = {"form": form, "product": product, "stall": stall, "too_many_minutes": minutes}
        return render(self.request, self.template_name, context, status=status)


class ProductReportView(ReportView):
    def listing(self):
        product = get_object_or_404(Product.objects.browsable().select_related("storefront"), pk=self.kwargs["pk"])
        return product, product.storefront


class StallReportView(ReportView):
    def listing(self):
        return None, get_object_or_404(Storefront.objects.public(), slug=self.kwargs["slug"])


def report_sent(request):
    return render(request, "takedowns/report/sent.html")
