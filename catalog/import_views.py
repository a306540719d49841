from django.http import Http404
from django.views import View


class Placeholder(View):  # replaced by the spreadsheet import screens
    def dispatch(self, *args, **kwargs):
        raise Http404


ImportView = ImportTemplateView = ImportStatusView = Placeholder
