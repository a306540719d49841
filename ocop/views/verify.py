"""Public stamp verification under the language prefix: /<lang>/verify/ (type a serial) and /<lang>/verify/<serial>/
(what a stamp's QR code opens).

Both pages are never cached (each visit is a check that counts) and rate limited per client (ocop.ratelimit): a
check of a stamp counts against the limit; the form only refuses a client that already reached it.
"""

from math import ceil

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from ocop import stamps
from ocop.forms.verify import StampLookupForm
from ocop.ratelimit import STAMP_CHECKS


def refuse_too_many(request, decision):
    response = render(request, "ocop/verify/too_many.html", {"minutes": ceil(decision.retry_after / 60)}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return unlisted(response)


def unlisted(response):
    """One stamp's page is nobody's search result."""
    response["X-Robots-Tag"] = "noindex"
    return response


class StampCheckLimitMixin:
    """Refuse (429) a client over the stamp-check limit; ``counts`` says whether this page is a check itself."""

    counts = True

    def dispatch(self, request, *args, **kwargs):
        decision = STAMP_CHECKS.hit(request) if self.counts else STAMP_CHECKS.peek(request)
        if not decision.allowed:
            return refuse_too_many(request, decision)
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class VerifyFormView(StampCheckLimitMixin, View):
    """Type the serial printed under the QR code; a serial that could be one goes to its verification page."""

    counts = False

    def get(self, request):
        if "serial" not in request.GET:
            return render(request, "ocop/verify/form.html", {"form": StampLookupForm()})
        form = StampLookupForm(request.GET)
        if not form.is_valid():
            return render(request, "ocop/verify/form.html", {"form": form}, status=400)
        return redirect("ocop:verify", serial=form.cleaned_data["serial"])


@method_decorator(never_cache, name="dispatch")
class VerifyStampView(StampCheckLimitMixin, View):
    """Whether a stamp is genuine, and what it stands for. Every visit counts as a check (GET only: a HEAD request,
    as link previews make, would count a check nobody saw)."""

    http_method_names = ["get"]

    def get(self, request, serial):
        check = stamps.check_stamp(serial, timezone.now())
        if not check.genuine:
            form = StampLookupForm(initial={"serial": serial[:40]})
            return unlisted(render(request, "ocop/verify/not_genuine.html", {"form": form}, status=404))
        return unlisted(render(request, "ocop/verify/stamp.html", {"check": check}))
