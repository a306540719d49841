"""A member's own products under /<lang>/my-stall/products/: the list, the simple form, preview, publishing,
variants and pictures.

Only members of a cooperative whose stall is approved, or in review (it prepares drafts, published once approved),
get in (``stall_access = "prepare"``); everyone else signed in gets the stall access page (403) that explains the
stall must be submitted first. No URL names a stall: every product id is looked up among the member's own stall's
products and every picture id among that product's pictures, so anything else is 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalog.products import pictures, queries, services, variants
from catalog.seller_forms import ProductForm, VariantForm
from storefronts.access import StallMemberRequiredMixin

Product = get_model("catalogue", "Product")

PRODUCTS_PER_PAGE = 20


def product_url(name, product):
    return reverse(f"catalog-seller:{name}", kwargs={"pk": product.pk})


class StallProductsMixin(StallMemberRequiredMixin):
    """Signed-in members of an approved stall or of one in review; ``storefront`` is theirs."""

    stall_access = "prepare"

    def get_product(self, pk):
        """One of the stall's products (a variant too), else 404."""
        queryset = Product.objects.filter(storefront=self.storefront).select_related("parent")
        return get_object_or_404(queryset, pk=pk)

    def get_main_product(self, pk):
        """The product as the list shows it: a variant's id gives its parent."""
        product = self.get_product(pk)
        return product.parent if product.is_child else product


class ProductListView(StallProductsMixin, ListView):
    template_name = "catalogue/seller/product_list.html"
    paginate_by = PRODUCTS_PER_PAGE
    context_object_name = "products"

    def get_queryset(self):
        return queries.stall_products(self.storefront)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [queries.summary(product) for product in context["products"]]
        context["storefront"] = self.storefront
        return context


class ProductFormMixin(StallProductsMixin):
    template_name = "catalogue/seller/product_form.html"

    def render_form(self, form, product=None, status=200):
        context = {"form": form, "product": product, "storefront": self.storefront}
        if product is not None and product.is_parent:
            context["variants"] = queries.variants_of(product)
        return render(self.request, self.template_name, context, status=status)

    def save(self, form, product=None):
        """Save a bound form through the service, or re-render it (400) with its pictures held."""
        if form.is_valid():
            try:
                product = services.save_product(
                    self.storefront, product, form.cleaned_data, pictures=form.new_pictures, held=form.held_uploads
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                return self.saved(product)
        form.hold_uploads()
        return self.render_form(form, product, status=400)

    def saved(self, product):
        if "preview" in self.request.POST:
            return redirect(product_url("preview", product))
        messages.success(self.request, _("Đã lưu “%(title)s”.") % {"title": product.title_vi})
        return redirect(product_url("update", product))


class ProductCreateView(ProductFormMixin, View):
    def get(self, request):
        return self.render_form(ProductForm(storefront=self.storefront))

    def post(self, request):
        return self.save(ProductForm(request.POST, request.FILES, storefront=self.storefront))


class ProductUpdateView(ProductFormMixin, View):
    """A product's form; a variant's id opens that variant's own small form (name, price, stock)."""

    def get(self, request, pk):
        product = self.get_product(pk)
        if product.is_child:
            return render_variant_form(request, VariantForm(product=product.parent, variant=product), product)
        return self.render_form(ProductForm(storefront=self.storefront, product=product), product)

    def post(self, request, pk):
        product = self.get_product(pk)
        if product.is_child:
            return self.save_variant(product)
        return self.save(ProductForm(request.POST, request.FILES, storefront=self.storefront, product=product), product)

    def save_variant(self, variant):
        form = VariantForm(self.request.POST, product=variant.parent, variant=variant)
        if form.is_valid():
            data = form.cleaned_data
            try:
                variants.update_variant(variant, data["name"], data["price"], data["stock"])
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(self.request, _("Đã lưu biến thể “%(name)s”.") % {"name": variant.unit})
                return redirect(product_url("update", variant.parent))
        return render_variant_form(self.request, form, variant, status=400)


def render_variant_form(request, form, variant=None, status=200):
    context = {"form": form, "product": form.product, "variant": variant}
    return render(request, "catalogue/seller/variant_form.html", context, status=status)


class ProductPreviewView(StallProductsMixin, View):
    """The product's page as a shopper will see it, with a banner and the publish button."""

    def get(self, request, pk):
        product = self.get_main_product(pk)
        context = {
            "product": product,
            "storefront": self.storefront,
            "problems": queries.publish_problems(product),
        }
        return render(request, "catalogue/seller/preview.html", context)


class PublishProductView(StallProductsMixin, View):
    """POST: put the product on sale (or, with ``unpublish``, take it off sale)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        product = self.get_main_product(pk)
        if "unpublish" in request.POST:
            services.unpublish_product(product)
            messages.success(
                request, _("Đã ngừng bày bán “%(title)s”; sản phẩm trở về bản nháp.") % {"title": product.title_vi}
            )
            return redirect(product_url("update", product))
        try:
            services.publish_product(product)
        except ValidationError as refused:
            messages.error(request, _("Chưa bày bán được: %(problems)s") % {"problems": " ".join(refused.messages)})
        else:
            messages.success(request, _("“%(title)s” đã được bày bán.") % {"title": product.title_vi})
        return redirect(product_url("preview", product))


class VariantCreateView(StallProductsMixin, View):
    def get(self, request, pk):
        return render_variant_form(request, VariantForm(product=self.get_main_product(pk)))

    def post(self, request, pk):
        product = self.get_main_product(pk)
        form = VariantForm(request.POST, product=product)
        if form.is_valid():
            data = form.cleaned_data
            try:
                variant = variants.add_variant(
                    product, data["name"], data["price"], data["stock"], current_name=data.get("current_name")
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Đã thêm biến thể “%(name)s”.") % {"name": variant.unit})
                return redirect(product_url("update", product))
        return render_variant_form(request, form, status=400)


class ImageDeleteView(StallProductsMixin, View):
    """POST: delete one picture of one of the stall's products."""

    http_method_names = ["post"]

    def post(self, request, pk, image_pk):
        product = self.get_product(pk)
        image = get_object_or_404(product.images.all(), pk=image_pk)
        try:
            pictures.remove_image(image)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(request, _("Đã xóa ảnh."))
        return redirect(product_url("update", product))
