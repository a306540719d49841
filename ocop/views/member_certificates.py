"""A member's own OCOP certificates under /<lang>/my-stall/ocop/: the list, a new declaration, one certificate.

Only members of an approved stall come in (``stall_access = "approved"``; others get the stall access page, 403,
that points to their stall application); every id in a URL is looked up among the member's own stall's
certificates, so another stall's certificate is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop import workflow
from ocop.forms.member_certificates import CertificateForm
from ocop.models import OcopCertificate
from storefronts.access import StallMemberRequiredMixin

DECLARED = _("Đã gửi giấy chứng nhận số %(number)s. Cán bộ Liên minh HTX sẽ xác minh và báo kết quả qua thư điện tử.")


class StallCertificatesMixin(StallMemberRequiredMixin):
    """Signed-in members of an approved stall; ``storefront`` is their own stall."""

    stall_access = "approved"

    def certificates(self):
        return OcopCertificate.objects.filter(storefront=self.storefront)


class CertificateListView(StallCertificatesMixin, View):
    def get(self, request):
        certificates = self.certificates().select_related("issuing_province").prefetch_related("products")
        context = {"storefront": self.storefront, "certificates": certificates}
        return render(request, "ocop/certificates/list.html", context)


class CertificateCreateView(StallCertificatesMixin, View):
    """Declare a certificate; it waits for union staff to verify it against the scan."""

    template_name = "ocop/certificates/form.html"

    def get(self, request):
        return self.render_form(CertificateForm(storefront=self.storefront, user=request.user))

    def post(self, request):
        form = CertificateForm(request.POST, request.FILES, storefront=self.storefront, user=request.user)
        if form.is_valid():
            try:
                certificate = workflow.submit_certificate(
                    form.declared_certificate(), form.cleaned_data["products"], actor=request.user
                )
            except workflow.NumberTaken as taken:
                form.add_error("certificate_number", ValidationError(taken.message, code=taken.code))
            else:
                messages.success(request, DECLARED % {"number": certificate.certificate_number})
                return redirect("ocop:member-certificate", pk=certificate.pk)
        form.keep_scan()
        return self.render_form(form, status=400)

    def render_form(self, form, status=200):
        context = {"storefront": self.storefront, "form": form}
        return render(self.request, self.template_name, context, status=status)


class CertificateDetailView(StallCertificatesMixin, View):
    def get(self, request, pk):
        certificate = get_object_or_404(self.certificates().select_related("issuing_province"), pk=pk)
        context = {
            "storefront": self.storefront,
            "certificate": certificate,
            "products": certificate.products.order_by("title", "pk"),
            "decisions": certificate.decisions.all(),
        }
        return render(request, "ocop/certificates/detail.html", context)
