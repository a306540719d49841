"""A member's appearance screen under /<lang>/my-stall/appearance/: theme, colour, banner and logo, a preview of the
stall page with the unsaved choices, then "Lưu" (save) or "Sửa tiếp" (back to the form with everything kept).

Like the other my-stall screens, no URL names a stall: the views work on the signed-in member's own cooperative's
stall (the stall access page, 403, for someone without one), and pictures held between steps are signed for that stall.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View

from storefronts import appearance
from storefronts.access import StallMemberRequiredMixin
from storefronts.appearance_forms import AppearanceForm
from storefronts.views.public import stall_page_context


class AppearanceMixin(StallMemberRequiredMixin):
    """Signed-in members of a cooperative that has a stall, whatever its status; ``storefront`` is theirs."""

    stall_access = "any"

    def bound_form(self):
        return AppearanceForm(self.request.POST, self.request.FILES, storefront=self.storefront)

    def render_form(self, form, status=200):
        context = {"form": form, "storefront": self.storefront, "saved": appearance.appearance_of(self.storefront)}
        response = render(self.request, "storefronts/appearance/form.html", context, status=status)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def refused(self, form):
        """The form again (400) with what was typed and the pictures that passed their check."""
        form.hold_uploads()
        return self.render_form(form, status=400)


class AppearanceView(AppearanceMixin, View):
    """GET: the form with the saved look. POST "save": save and come back; POST "edit" (from the preview): the form
    again with the choices being previewed."""

    def get(self, request):
        return self.render_form(AppearanceForm(storefront=self.storefront))

    def post(self, request):
        form = self.bound_form()
        if not form.is_valid():
            return self.refused(form)
        if "save" not in request.POST:
            form.hold_uploads()
            return self.render_form(form)
        appearance.save_appearance(self.storefront, form.choices())
        messages.success(request, _("Đã lưu giao diện gian hàng."))
        return redirect("storefronts:appearance")


class AppearancePreviewView(AppearanceMixin, View):
    """POST: the stall page as it would look with the form's choices, and the choice to save them or keep editing.
    Nothing is saved here; checked pictures wait in the holding area."""

    http_method_names = ["post"]

    def post(self, request):
        form = self.bound_form()
        if not form.is_valid():
            return self.refused(form)
        form.hold_uploads()
        banner, logo = form.held_banner_upload, form.held_logo_upload
        look = appearance.previewed(
            self.storefront,
            form.choices(with_pictures=False),
            banner_url=appearance.held_url(banner) if banner else "",
            logo_url=appearance.held_url(logo) if logo else "",
        )
        context = stall_page_context(request, self.storefront, appearance=look)
        context.update(preview=True, form=form)
        response = render(request, "storefronts/appearance/preview.html", context)
        patch_cache_control(response, private=True, no_store=True)
        return response
