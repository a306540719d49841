"""The public stall pages: every approved stall, filterable by province and kind, and one stall with its products."""

from django.core.paginator import Paginator
from django.views.generic import DetailView, ListView
from oscar.core.loading import get_model

from ocop import queries as ocop_queries
from shop.fulfilment.shipping_policies import saved_policy, shipping_summary
from storefronts.filters import StorefrontFilterForm, in_display_order, with_card_facts
from storefronts.models import Storefront
from storefronts.theming import appearance_of

Product = get_model("catalogue", "Product")

STALLS_PER_PAGE = 24
PRODUCTS_PER_PAGE = 24


def initials(name):
    """Stands in for a missing logo: the first letters of the name's first two words, e.g. "Mật ong Bạc Liêu" → "MO"."""
    return "".join(word[0] for word in name.split()[:2]).upper()


class LenientPaginationMixin:
    """A page number past the end shows the last page, and one that is not a number the first, instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class StorefrontListView(LenientPaginationMixin, ListView):
    """Approved stalls, alphabetical, 24 a page; an unknown filter value is explained on the page, never a 500."""

    template_name = "storefronts/public/storefront_list.html"
    context_object_name = "stalls"
    paginate_by = STALLS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.form = StorefrontFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return in_display_order(with_card_facts(self.form.filter(Storefront.objects.public())))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for stall in context["stalls"]:
            stall.initials = initials(stall.name)
        context["form"] = self.form
        return context


class StorefrontDetailView(DetailView):
    """One approved stall: its story, its cooperative's facts and its products on sale, newest first."""

    template_name = "storefronts/public/storefront_detail.html"
    context_object_name = "stall"

    def get_queryset(self):
        return Storefront.objects.public().select_related("cooperative__province", "shipping_policy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(stall_page_context(self.request, self.object))
        return context


def stall_page_context(request, stall, appearance=None):
    """What the stall page shows: the stall in its look (``appearance``, else its saved one), its cooperative, how it
    ships and a page of its products on sale. The appearance screen's preview shows the same page with unsaved choices."""
    stall.initials = initials(stall.name)
    products = Product.objects.browsable().for_cards().filter(storefront=stall).order_by("-date_created", "-pk")
    stars = ocop_queries.parse_stars(request.GET.get("stars"))
    if stars:
        products = ocop_queries.with_min_stars(products, stars)
    page = Paginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "stall": stall,
        "appearance": appearance or appearance_of(stall),
        "cooperative": stall.cooperative,
        "shipping_summary": shipping_summary(saved_policy(stall), stall.cooperative.province),
        "products": page.object_list,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "stars": stars,
        "star_choices": ocop_queries.STAR_CHOICES,
    }
