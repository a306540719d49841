"""The public OCOP certificate lookup, under the language prefix (stamp verification lives in ocop/views/verify.py)."""

from django.shortcuts import render
from django.utils import timezone
from django.views import View
from oscar.core.loading import get_model

from ocop.forms.public import LookupForm
from ocop.models import OcopCertificate

Product = get_model("catalogue", "Product")


def standing(certificate, today):
    """What a buyer needs to know today: "valid", "expired" (by date or by the daily job) or "revoked"."""
    if certificate.status == OcopCertificate.Status.REVOKED:
        return "revoked"
    return "valid" if certificate.is_valid_on(today) else "expired"


class CertificateLookupView(View):
    """/<lang>/ocop/certificates/?number=…: whether a certificate is real and valid today.

    Only certificates union staff verified are public (and what became of them: expired, revoked); one that is
    still waiting or was rejected is "not found", like a number nobody declared.
    """

    def get(self, request):
        form = LookupForm(request.GET) if request.GET.get("number", "").strip() else LookupForm()
        context = {"form": form, "searched": form.is_bound}
        if form.is_bound and form.is_valid():
            certificate = form.certificate()
            context["certificate"] = certificate
            if certificate is not None:
                context["standing"] = standing(certificate, timezone.localdate())
                context["products"] = (
                    Product.objects.browsable().filter(ocop_certificates=certificate).order_by("title", "pk")
                )
        return render(request, "ocop/certificates/lookup.html", context)
