from django.http import Http404
from django.views import View


class Placeholder(View):  # replaced by the member's product screens
    def dispatch(self, *args, **kwargs):
        raise Http404


ProductListView = ProductCreateView = ProductUpdateView = ProductPreviewView = Placeholder
PublishProductView = VariantCreateView = ImageDeleteView = Placeholder
