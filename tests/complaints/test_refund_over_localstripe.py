"""A guest's card order, from a complaint to the money back: the buyer opens a complaint about the honey stall's part,
the stall answers, the buyer is not satisfied and escalates, union staff decide a refund and Stripe (localstripe on
loopback, real HTTP) refunds that part."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.complaints.models import Complaint
from shop.fulfilment.models import StallOrder
from shop.payments.models import Payment, Refund
from tests.complaints.conftest import deliver
from tests.shop.payments.conftest import free_loopback_port


def test_a_complaint_from_opening_to_a_refund_through_stripe(
    client, paid_card_order, honey_stall, honey_owner, staff, localstripe, django_capture_on_commit_callbacks
):
    order = paid_card_order.order
    part = StallOrder.objects.get(order=order, storefront=honey_stall)
    deliver(part, honey_owner)
    member, reviewer = Client(), Client()
    member.force_login(honey_owner)
    reviewer.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        opened = client.post(
            reverse("complaints:open", kwargs={"stall_order_pk": part.pk}),
            {"reason": "damaged", "wanted": "refund", "description": "Hai hũ đều vỡ."},
        )
        complaint = Complaint.objects.get()
        member.post(reverse("complaints-seller:answer", kwargs={"pk": complaint.pk}), {"body": "Hàng đi đường xa."})
        client.post(reverse("complaints:escalate", kwargs={"pk": complaint.pk}), {"reason": "Tôi muốn lấy lại tiền."})
        decided = reviewer.post(
            reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "refund"}),
            {"reason": "Ảnh cho thấy hàng vỡ khi giao."},
        )

    assert opened.status_code == 302
    assert decided.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REFUNDED
    (stripe_refund,) = localstripe.refunds(paid_card_order.intent_id)
    assert stripe_refund.amount == part.total == 2 * 185_000 + 40_000
    refund = Refund.objects.get()
    assert (refund.stall_order, refund.amount, refund.reference) == (part, part.total, stripe_refund.id)
    assert complaint.refund == refund
    assert not complaint.refund_by_hand
    payment = Payment.objects.get(order=order)
    assert payment.amount_refunded == part.total
    buyer_mail = [message for message in mail.outbox if message.to == ["lan@example.vn"]]
    assert "Đã hoàn tiền" in buyer_mail[-1].subject
    assert "Ảnh cho thấy hàng vỡ khi giao." in buyer_mail[-1].body
    thread = client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "Hàng đi đường xa." in thread
    assert "Đã hoàn tiền" in thread


def test_a_refused_stripe_refund_leaves_the_complaint_waiting_with_the_message(
    client, paid_card_order, honey_stall, honey_owner, staff, localstripe, settings
):
    part = StallOrder.objects.get(order=paid_card_order.order, storefront=honey_stall)
    deliver(part, honey_owner)
    client.post(
        reverse("complaints:open", kwargs={"stall_order_pk": part.pk}),
        {"reason": "not_received", "wanted": "refund", "description": "Chưa nhận được."},
    )
    complaint = Complaint.objects.get()
    reviewer = Client()
    reviewer.force_login(staff)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_loopback_port()}"  # Stripe cannot be reached

    response = reviewer.post(
        reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "refund"}),
        {"reason": "Hoàn tiền."},
    )

    assert response.status_code == 400
    assert "Không hoàn được tiền qua Stripe" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.OPEN
    assert not Refund.objects.exists()
