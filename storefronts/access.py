"""Who may use a stall's own screens under /<lang>/my-stall/: one rule, on Django's ``AccessMixin`` pattern.

A view names what the stall must be able to do (``stall_access``), never a stall: the stall is always the signed-in
member's own cooperative's one, so another stall's data cannot be reached through a URL. Visitors who are not signed
in go to the login page; a signed-in user whose stall may not use the screen gets one page (403) that says why and
where to go next.

- ``"any"``: the cooperative has a stall, whatever its status (appearance, figures).
- ``"prepare"``: approved, or with the union staff (draft products before approval).
- ``"approved"``: approved only (OCOP certificates, batches, shipping settings).
- ``"sold"``: the stall has ever sold (it has its Oscar partner), even while suspended: its buyers still wait for the
  orders it took, its complaints still need answers.
"""

from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.functional import cached_property

from shop.observability import note_stall
from storefronts import application
from storefronts.models import Storefront

Status = Storefront.Status

PREPARING_STATUSES = (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED)

RULES = {
    "any": lambda storefront: True,
    "prepare": lambda storefront: storefront.status in PREPARING_STATUSES,
    "approved": lambda storefront: storefront.status == Status.APPROVED,
    "sold": lambda storefront: storefront.partner_id is not None,
}


def stall_may(storefront, access):
    """Whether ``storefront`` (None: the user has no stall) may use a screen that needs ``access``."""
    return storefront is not None and RULES[access](storefront)


class StallMemberRequiredMixin(AccessMixin):
    """Signed-in members whose stall passes ``stall_access``; ``membership`` and ``storefront`` are their own."""

    stall_access = "approved"
    login_url = reverse_lazy("customer:login")
    refused_template = "storefronts/access/refused.html"

    @cached_property
    def membership(self):
        return application.membership_for(self.request.user)

    @cached_property
    def storefront(self):
        return application.storefront_of(self.membership)

    @property
    def cooperative(self):
        return self.membership.cooperative if self.membership else None

    def has_permission(self):
        if not self.request.user.is_authenticated:
            return False
        note_stall(self.storefront)
        return stall_may(self.storefront, self.stall_access)

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        context = {"storefront": self.storefront, "stall_access": self.stall_access}
        return render(self.request, self.refused_template, context, status=403)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
