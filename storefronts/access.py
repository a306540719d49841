"""Who may use a stall's own screens under /<lang>/my-stall/: one rule, on Django's ``AccessMixin`` pattern.

A view names what the stall must be able to do (``stall_access``), never a stall: the stall is always the signed-in
member's own cooperative's one, so another stall's data cannot be reached through a URL. Visitors who are not signed
in go to the login page; a signed-in user whose stall may not use the screen gets one page (403) that says why and
where to go next.

- ``"applicant"``: any signed-in account, with a stall or not (the application that opens a stall, invitations).
- ``"any"``: the cooperative has a stall, whatever its status (appearance, figures, shipping, translations).
- ``"prepare"``: approved, or with the union staff (draft products before approval, spreadsheet imports).
- ``"approved"``: approved only (OCOP certificates, batches and their stamps).
- ``"sold"``: the stall has ever sold (it has its Oscar partner), even while suspended: its buyers still wait for the
  orders it took, its complaints still need answers.
"""

from dataclasses import dataclass

from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

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
NO_STALL_NEEDED = "applicant"

# What the refused page says a stall lacks, per access level: (heading, sentence naming the stall's status).
REFUSALS = {
    "prepare": (
        _("Gian hàng cần được gửi duyệt trước khi đăng sản phẩm"),
        _(
            "Gian hàng của bạn đang ở trạng thái “%(status)s”. Chỉ gian hàng đã gửi hồ sơ hoặc đã được cán bộ Liên minh HTX duyệt mới chuẩn bị và đăng được sản phẩm."
        ),
    ),
    "approved": (
        _("Gian hàng cần được duyệt trước"),
        _(
            "Gian hàng của bạn đang ở trạng thái “%(status)s”. Chỉ gian hàng đã được cán bộ Liên minh HTX duyệt mới khai báo được giấy chứng nhận OCOP, lô sản xuất và tem truy xuất."
        ),
    ),
    "sold": (
        _("Gian hàng chưa mở bán"),
        _(
            "Gian hàng của bạn đang ở trạng thái “%(status)s” và chưa mở bán lần nào, nên chưa có đơn hàng. Đơn hàng hiện ở đây khi gian hàng được duyệt và có người mua."
        ),
    ),
}
NO_STALL_HEADING = _("Bạn chưa có gian hàng")
NO_STALL = _(
    "Tài khoản của bạn chưa gắn với gian hàng nào. Hãy đăng ký gian hàng cho hợp tác xã của bạn; khi cán bộ Liên minh HTX duyệt xong, bạn sẽ dùng được trang này."
)
SUSPENDED_NEXT = _("Gian hàng đang tạm ngừng. Xem lý do và hướng xử lý trên trang hồ sơ gian hàng.")
APPLICATION_NEXT = _("Hãy hoàn thành và gửi hồ sơ gian hàng; bạn sẽ nhận thư điện tử khi hồ sơ được duyệt.")
PREPARE_NEXT = _("Ngay khi đã gửi hồ sơ, bạn có thể chuẩn bị sản phẩm ở dạng nháp trong lúc chờ duyệt.")


def stall_may(storefront, access):
    """Whether ``storefront`` (None: the user has no stall) may use a screen that needs ``access``."""
    if access == NO_STALL_NEEDED:
        return True
    return storefront is not None and RULES[access](storefront)


@dataclass(frozen=True)
class Refusal:
    """What the 403 page tells a member whose stall (or lack of one) keeps them off a screen."""

    heading: str
    message: str
    next_steps: tuple = ()
    has_stall: bool = True


def refusal(storefront, access):
    """Why ``storefront`` may not use a screen that needs ``access``, and what the member can do about it."""
    if storefront is None:
        return Refusal(heading=NO_STALL_HEADING, message=NO_STALL, has_stall=False)
    heading, message = REFUSALS[access]
    if storefront.status == Status.SUSPENDED:
        next_steps = (SUSPENDED_NEXT,)
    elif access == "prepare":
        next_steps = (APPLICATION_NEXT, PREPARE_NEXT)
    else:
        next_steps = (APPLICATION_NEXT,)
    return Refusal(heading, message % {"status": storefront.get_status_display()}, next_steps)


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
        context = {
            "storefront": self.storefront,
            "stall_access": self.stall_access,
            "refusal": refusal(self.storefront, self.stall_access),
        }
        return render(self.request, self.refused_template, context, status=403)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
