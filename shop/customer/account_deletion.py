"""Deleting one's account (Law 91/2025/QH15 and Decree 356/2025: the right to erasure), for buyers and members alike.

The account row stays, emptied, so that everything that points at it (orders, status histories, consents) keeps
pointing somewhere; what names the person goes:
- the account: e-mail, names, password (unusable), active flag, groups, permissions: it can never log in again, and
  every session it had ends (Django drops a session whose account is inactive or whose password changed);
- orders are kept for accounting with their numbers, lines and totals, so the stalls' order desks still add up, but
  the buyer's name, e-mail, phone, note and addresses are replaced;
- reviews stay with their scores and texts, signed "Khách hàng" (an account without a name);
- the address book, baskets not yet ordered, wish lists, stock alerts, notifications, e-mails kept by Oscar, the
  cooperatives' memberships and invitations, and the failed sign-ins recorded against the account are deleted.
The privacy consents are kept: proof the consent was given, naming no one once the account is emptied.

Refused, with the reason, while the person is the only owner of a cooperative whose stall is open (its members and
buyers need someone to answer for it) or has an order still on its way (the stall needs the address).
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.customer.personal_data import orders_of
from shop.fulfilment.models import BuyerContact, StallOrder
from shop.locking import lock_one
from shop.tasks import send_email_on_commit
from storefronts.models import Invitation, Membership, Storefront

Basket = get_model("basket", "Basket")
CommunicationEmail = get_model("communication", "Email")
Notification = get_model("communication", "Notification")
ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")
WishList = get_model("wishlists", "WishList")

# What an anonymised order's addresses say where the buyer's name was (stored, as the rest of the order, in Vietnamese).
ERASED_NAME = "Người mua đã xóa tài khoản"
# A stall in one of these states has buyers or staff waiting on its cooperative.
OPEN_STALL = [
    Storefront.Status.SUBMITTED,
    Storefront.Status.CHANGES_REQUESTED,
    Storefront.Status.APPROVED,
    Storefront.Status.SUSPENDED,
]
ON_ITS_WAY = [StallOrder.Status.PENDING, StallOrder.Status.CONFIRMED, StallOrder.Status.SHIPPED]


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def refusals(user):
    """Why ``user`` may not delete the account now (an empty list: they may)."""
    reasons = []
    for membership in sole_ownerships_of_open_stalls(user):
        reasons.append(
            Refusal(
                "sole_owner",
                _(
                    "Bạn là chủ nhiệm duy nhất của %(cooperative)s, đang có gian hàng hoạt động. Hãy chuyển quyền "
                    "chủ nhiệm cho một thành viên khác (liên hệ cán bộ Liên minh HTX) trước khi xóa tài khoản."
                )
                % {"cooperative": membership.cooperative.name},
            )
        )
    if StallOrder.objects.filter(order__in=orders_of(user), status__in=ON_ITS_WAY).exists():
        reasons.append(
            Refusal(
                "orders_in_progress",
                _(
                    "Bạn còn đơn hàng chưa giao xong. Hãy chờ nhận hàng (hoặc hủy đơn) rồi xóa tài khoản: "
                    "gian hàng cần địa chỉ để giao cho bạn."
                ),
            )
        )
    return reasons


def sole_ownerships_of_open_stalls(user):
    owned = Membership.objects.filter(
        user=user, role=Membership.Role.OWNER, cooperative__storefront__status__in=OPEN_STALL
    ).select_related("cooperative")
    return [
        membership
        for membership in owned
        if not Membership.objects.filter(cooperative=membership.cooperative_id, role=Membership.Role.OWNER)
        .exclude(user=user)
        .exists()
    ]


class AccountNotDeleted(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(str(reason.message) for reason in reasons))
        self.reasons = reasons


@transaction.atomic
def delete_account(user):
    """Erase or anonymise what names ``user``, tell them by e-mail; raises AccountNotDeleted with the reasons when
    it may not be done now."""
    user = lock_one(get_user_model(), user.pk)
    reasons = refusals(user)
    if reasons:
        raise AccountNotDeleted(reasons)
    address, language = user.email, notice_language(user)
    anonymise_orders(user)
    ProductReview.objects.filter(user=user).update(name="", email="", homepage="")
    delete_belongings(user)
    empty_account(user)
    send_notice(address, language)


def notice_language(user):
    """The member's language for the stall's e-mails, else the language of the page they asked from."""
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    return membership.language if membership else translation.get_language() or settings.LANGUAGE_CODE


def anonymise_orders(user):
    orders = list(orders_of(user).select_related("shipping_address", "billing_address"))
    for order in orders:
        for address in (order.shipping_address, order.billing_address):
            if address is not None:
                anonymise_address(address)
        order.guest_email = ""
        order.save(update_fields=["guest_email"])
    BuyerContact.objects.filter(order__in=[order.pk for order in orders]).update(email="", phone="", note="")


def anonymise_address(address):
    """Keeps the province and the country (the stall's regional figures, taxes), replaces everything else."""
    address.first_name = ""
    address.last_name = ERASED_NAME
    for field in ("title", "line1", "line2", "line3", "line4", "postcode", "notes"):
        if hasattr(address, field):
            setattr(address, field, "")
    if hasattr(address, "phone_number"):
        address.phone_number = ""
    address.save()  # recomputes the address's search text


def delete_belongings(user):
    UserAddress.objects.filter(user=user).delete()
    Basket.objects.filter(owner=user).exclude(status=Basket.SUBMITTED).delete()
    WishList.objects.filter(owner=user).delete()
    ProductAlert.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    CommunicationEmail.objects.filter(user=user).delete()
    if user.email:
        Invitation.objects.filter(email__iexact=user.email).delete()
    Membership.objects.filter(user=user).delete()
    forget_failed_sign_ins(user)


def forget_failed_sign_ins(user):
    """django-axes records failed sign-ins under the account's username (shop/customer/lockout.py) or the typed name."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = [name for name in (user.username, user.email.lower()) if name]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()


def empty_account(user):
    user.username = f"deleted-{user.pk}-{secrets.token_hex(4)}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()  # a new password hash: every session the account had is no longer valid
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def send_notice(address, language):
    with translation.override(language):
        context = {"site_url": settings.SITE_URL}
        subject = render_to_string("customer/email/account_deleted_subject.txt", context).strip()
        body = render_to_string("customer/email/account_deleted_body.txt", context)
    send_email_on_commit(subject, body, [address])
