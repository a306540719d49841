from django.http import Http404
from django.views import View


class Placeholder(View):  # replaced by union staff's review screens
    def dispatch(self, *args, **kwargs):
        raise Http404


ReviewQueueView = ReviewDetailView = CertificateView = DecisionView = Placeholder
