"""A member's shipping screen under /<lang>/my-stall/shipping/: the stall's fees by region, abroad or not, free
shipping over an amount, pickup at the cooperative and the days it takes to hand a parcel to the carrier.

Like the other my-stall screens, no URL names a stall: the view works on the signed-in member's own cooperative's
stall, whatever its status (the stall access page, 403, for someone without one): a stall in review sets its
fees before its products go on sale. A stall that has saved nothing yet sees suggested values and is told that
nothing applies until it saves; until then it cannot put products on sale.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop.fulfilment import shipping_policies
from shop.fulfilment.policy_forms import ShippingPolicyForm
from shop.fulfilment.regions import region_name
from storefronts.access import StallMemberRequiredMixin


class ShippingSettingsView(StallMemberRequiredMixin, View):
    stall_access = "any"

    def get(self, request):
        policy = shipping_policies.saved_policy(self.storefront)
        form = ShippingPolicyForm(policy=policy or shipping_policies.suggested_policy(self.storefront))
        return self.render_form(form, policy)

    def post(self, request):
        form = ShippingPolicyForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, shipping_policies.saved_policy(self.storefront), status=400)
        shipping_policies.save_shipping_policy(self.storefront, form.choices())
        messages.success(request, _("Đã lưu cách giao hàng của gian hàng."))
        return redirect("storefronts:shipping-settings")

    def render_form(self, form, policy, status=200):
        province = self.storefront.cooperative.province
        context = {
            "form": form,
            "storefront": self.storefront,
            "policy": policy,
            "region": region_name(province),
            "summary": shipping_policies.shipping_summary(policy, province),
        }
        response = render(self.request, "storefronts/shipping/form.html", context, status=status)
        patch_cache_control(response, private=True, no_store=True)
        return response
