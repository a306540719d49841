"""Who may see a complaint: the buyer (whoever may see the order: its account, or the browser that placed it, looked
it up or opened its e-mailed link: shop.fulfilment.access), a member of the stall it concerns, and union staff with
the decide permission. Everyone else gets 404, the same answer as for a complaint that does not exist."""

from shop.complaints.workflow import DECIDE_PERMISSION
from shop.fulfilment.access import can_view
from storefronts.workflow import is_member


def buyer_may_see(request, complaint):
    return can_view(request, complaint.stall_order.order)


def member_may_see(user, complaint):
    return user.is_authenticated and is_member(user, complaint.stall_order.storefront)


def staff_may_see(user):
    return user.is_authenticated and user.is_active and user.has_perm(DECIDE_PERMISSION)


def may_see(request, complaint):
    return staff_may_see(request.user) or member_may_see(request.user, complaint) or buyer_may_see(request, complaint)
