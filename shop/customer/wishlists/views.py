"""Oscar's wish list views, with adding a product answering only POST: Oscar also adds on GET, so a link in an
e-mail or an image on another site could fill a signed-in buyer's list."""

from oscar.apps.customer.wishlists import views


class PostOnlyMixin:
    """Refuse any other method before Oscar's dispatch, which already creates a wish list or looks up lines."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class WishListAddProduct(PostOnlyMixin, views.WishListAddProduct):
    pass
