from django.http import Http404
from django.views import View


class Placeholder(View):  # replaced by the public stall pages
    def dispatch(self, *args, **kwargs):
        raise Http404


StorefrontListView = StorefrontDetailView = Placeholder
