"""Placing an order across stalls, and every later change of a stall's share of it, one function each.

``place_order`` is the only way an order is made: one transaction that locks the basket (so ten submissions of one
basket make one order), locks and checks the stock rows, writes the Oscar order, one StallOrder per stall, the
buyer's contact and a pending Payment, and freezes the basket. E-mails go out only after the transaction commits.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.utils import OrderCreator
from oscar.core.loading import get_class, get_model

from shop.fulfilment import notifications, stock
from shop.fulfilment.errors import CheckoutError, FulfilmentErrorCode, TransitionError
from shop.fulfilment.models import BuyerContact, StallOrder, StallOrderEvent
from shop.fulfilment.order_status import OrderStatus, change_order_status
from shop.fulfilment.shipping import StallShipping, lines_of, quote
from shop.locking import lock_one
from shop.payments import services as payments
from shop.payments.gateways.base import GatewayError
from storefronts.models import Province

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
OutOfStock = stock.OutOfStock


@dataclass
class CheckoutDetails:
    """What the buyer filled in at checkout (kept in the session between the form and the review page)."""

    name: str
    email: str
    phone: str
    country: str = "VN"
    province_id: int | None = None
    commune: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""
    method: str = ""
    note: str = ""
    language: str = "vi"
    choices: dict = field(default_factory=dict)

    @property
    def abroad(self):
        return self.country != "VN"

    def province(self):
        return Province.objects.filter(pk=self.province_id).first() if self.province_id else None


def quote_for(basket, details):
    return quote(basket, details.province(), details.abroad, {int(k): v for k, v in details.choices.items()})


def shipping_address(details):
    province = details.province()
    return ShippingAddress.objects.create(
        first_name="",
        last_name=details.name,
        line1=details.street,
        line2=details.commune,
        line4=province.name if province else details.city,
        state=province.name if province else "",
        postcode=details.postcode,
        country=Country.objects.get(pk=details.country),
        phone_number=details.phone,
        notes=details.note,
    )


def order_of_basket(basket_id):
    return Order.objects.filter(basket_id=basket_id).first()


def place_order(basket_id, user, details, gateway):
    """Make the order for this basket and return ``(order, created)``; a repeat returns the first order.

    Raises OutOfStock when a line wants more than is free and CheckoutError for anything else the buyer must fix;
    in both cases nothing is written and the basket stays as it was.
    """
    try:
        with transaction.atomic():
            basket = lock_one(Basket, basket_id)
            existing = order_of_basket(basket_id)
            if existing:
                return existing, False
            order = _place(basket, user, details, gateway)
    except IntegrityError:
        # A constraint refused the write: the same basket placed at the same instant (SQLite has no row locks),
        # or stock allocated past what is on hand.
        existing = order_of_basket(basket_id)
        if existing:
            return existing, False
        raise OutOfStock([]) from None
    return order, True


def _place(basket, user, details, gateway):
    if basket.status != Basket.OPEN:
        raise CheckoutError(_("Giỏ hàng này không còn mở để đặt hàng."), FulfilmentErrorCode.BASKET_CLOSED)
    basket.strategy = Selector().strategy(user=user)
    if basket.is_empty:
        raise CheckoutError(_("Giỏ hàng của bạn đang trống."), FulfilmentErrorCode.BASKET_EMPTY)
    lines_of(basket)  # everything read per line, loaded before the stock rows are locked
    # Stock first, under its row locks: a shortfall is OutOfStock naming the product, whenever the other buyer won.
    stock.lock_and_check(basket)
    for line in basket.all_lines():
        allowed, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
        if not allowed:
            raise CheckoutError(f"{line.product.get_title()}: {reason}", FulfilmentErrorCode.NOT_PURCHASABLE)
    parcels = quote_for(basket, details)
    problems = [f"{parcel.storefront}: {error}" for parcel in parcels for error in parcel.errors]
    if problems:
        raise CheckoutError(" ".join(problems), FulfilmentErrorCode.NOT_SHIPPABLE)

    method = StallShipping(parcels)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    status = OrderStatus.AWAITING_PAYMENT if gateway.online else OrderStatus.PLACED
    extra = {} if user and user.is_authenticated else {"guest_email": details.email}
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=user if user and user.is_authenticated else None,
        shipping_address=shipping_address(details),
        status=status,
        **extra,
    )
    StallOrder.objects.bulk_create(
        StallOrder(
            order=order,
            storefront=parcel.storefront,
            shipping=parcel.shipping,
            shipping_charge=parcel.charge,
            items_total=parcel.items_total,
        )
        for parcel in parcels
    )
    BuyerContact.objects.create(
        order=order, email=details.email, phone=details.phone, language=details.language, note=details.note
    )
    payments.create_payment(order, gateway)
    basket.submit()
    transaction.on_commit(lambda: notifications.order_placed(order))
    if status == OrderStatus.PLACED:
        transaction.on_commit(lambda: notifications.stalls_have_new_order(order))
    return order


def cancel_unpaid(order, reason):
    """An order whose online payment never came: cancel every stall's part and give the stock back."""
    with transaction.atomic():
        locked = lock_one(Order, order.pk)
        if locked.status != OrderStatus.AWAITING_PAYMENT:
            return False
        for stall_order in locked.stall_orders.select_related("storefront"):
            _move(stall_order, StallOrder.Status.CANCELLED, None, reason)
            stall_order.cancel_reason = reason
            stall_order.save(update_fields=["status", "cancel_reason", "updated_at"])
            stock.release(stall_order.lines().select_related("stockrecord", "product__product_class"))
        change_order_status(locked, OrderStatus.CANCELLED)
    order.status = locked.status
    return True


# A stall's part of an order: which step may follow which.
NEXT_STEPS = {
    StallOrder.Status.PENDING: {StallOrder.Status.CONFIRMED, StallOrder.Status.CANCELLED},
    StallOrder.Status.CONFIRMED: {StallOrder.Status.SHIPPED, StallOrder.Status.CANCELLED},
    StallOrder.Status.SHIPPED: {StallOrder.Status.DELIVERED},
    StallOrder.Status.DELIVERED: set(),
    StallOrder.Status.CANCELLED: set(),
}


def _move(stall_order, to_status, actor, note=""):
    if to_status not in NEXT_STEPS[stall_order.status]:
        raise TransitionError(
            _("Không thể chuyển đơn từ “%(from)s” sang “%(to)s”.")
            % {"from": stall_order.get_status_display(), "to": StallOrder.Status(to_status).label},
            FulfilmentErrorCode.ILLEGAL_STEP,
        )
    StallOrderEvent.objects.create(
        stall_order=stall_order, from_status=stall_order.status, to_status=to_status, actor=actor, note=note
    )
    stall_order.status = to_status


def _locked(stall_order):
    # The order row is locked with its part: the parts of one order change in turns (see _close_order_if_done).
    return lock_one(StallOrder.objects.select_related("order", "storefront"), stall_order.pk, of=("self", "order"))


def confirm_stall_order(stall_order, actor):
    with transaction.atomic():
        stall_order = _locked(stall_order)
        if stall_order.order.status == OrderStatus.AWAITING_PAYMENT:
            raise TransitionError(_("Đơn này chưa được thanh toán, chưa thể xác nhận."), FulfilmentErrorCode.NOT_PAID)
        _move(stall_order, StallOrder.Status.CONFIRMED, actor)
        stall_order.save(update_fields=["status", "updated_at"])
    return stall_order


def ship_stall_order(stall_order, actor, tracking_number=""):
    tracking_number = (tracking_number or "").strip()
    with transaction.atomic():
        stall_order = _locked(stall_order)
        if stall_order.shipping == StallOrder.Shipping.DELIVERY and not tracking_number:
            raise TransitionError(
                _("Vui lòng nhập mã vận đơn để người mua theo dõi."), FulfilmentErrorCode.TRACKING_REQUIRED
            )
        _move(stall_order, StallOrder.Status.SHIPPED, actor, tracking_number)
        stall_order.tracking_number = tracking_number
        stall_order.save(update_fields=["status", "tracking_number", "updated_at"])
        stock.consume(stall_order.lines().select_related("stockrecord", "product__product_class"))
        transaction.on_commit(lambda: notifications.stall_order_changed(stall_order))
    return stall_order


def deliver_stall_order(stall_order, actor, cash_collected=False):
    with transaction.atomic():
        stall_order = _locked(stall_order)
        if payments.is_cash_on_delivery(stall_order.order) and not cash_collected:
            # A buyer who refuses to pay has not taken delivery: the stall cancels its part instead.
            raise TransitionError(
                _("Đơn thanh toán khi nhận hàng: hãy xác nhận đã thu tiền của người mua."),
                FulfilmentErrorCode.CASH_NOT_COLLECTED,
            )
        _move(stall_order, StallOrder.Status.DELIVERED, actor)
        if cash_collected:
            stall_order.cash_collected_at = timezone.now()
        stall_order.save(update_fields=["status", "cash_collected_at", "updated_at"])
        payments.cash_collected(stall_order.order)
        _close_order_if_done(stall_order.order)
        transaction.on_commit(lambda: notifications.stall_order_changed(stall_order))
    return stall_order


def cancel_stall_order(stall_order, actor, reason):
    """The stall cannot fulfil its part: stock goes back and, if the buyer paid online, their share is refunded."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Vui lòng cho người mua biết lý do hủy."), FulfilmentErrorCode.REASON_REQUIRED)
    with transaction.atomic():
        stall_order = _locked(stall_order)
        _move(stall_order, StallOrder.Status.CANCELLED, actor, reason)
        stall_order.cancel_reason = reason
        stall_order.save(update_fields=["status", "cancel_reason", "updated_at"])
        stock.release(stall_order.lines().select_related("stockrecord", "product__product_class"))
        try:
            payments.refund_stall_order(stall_order, reason)
        except GatewayError as error:
            # Nothing is cancelled unless the buyer's money can go back with it; the stall tries again later.
            raise TransitionError(error.message, FulfilmentErrorCode.REFUND_FAILED) from error
        _close_order_if_done(stall_order.order)
        transaction.on_commit(lambda: notifications.stall_order_changed(stall_order))
    return stall_order


def _close_order_if_done(order):
    """Once no stall's part is open, the whole order is cancelled (every part was) or completed. The order's row is
    locked before the parts are read, so of two stalls closing their parts at the same instant the second sees the
    first's and closes the order."""
    lock_one(Order, order.pk)
    statuses = set(order.stall_orders.values_list("status", flat=True))
    if statuses <= {StallOrder.Status.CANCELLED}:
        change_order_status(order, OrderStatus.CANCELLED)
    elif statuses <= {StallOrder.Status.CANCELLED, StallOrder.Status.DELIVERED}:
        change_order_status(order, OrderStatus.COMPLETED)
