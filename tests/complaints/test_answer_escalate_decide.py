"""After a complaint is opened: the stall answers, the buyer agrees or escalates (only once answered or past the
deadline), the stall may escalate too, and union staff decide in their queue with the overdue ones marked."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.complaints import workflow
from shop.complaints.models import Complaint
from shop.fulfilment.models import BuyerContact
from shop.payments.models import Refund
from storefronts.models import Membership


@pytest.fixture
def member_client(honey_owner):
    client = Client()
    client.force_login(honey_owner)
    return client


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def status_of(complaint):
    complaint.refresh_from_db()
    return complaint.status


def test_the_stall_answers_and_the_buyer_reads_it_by_email_and_on_the_page(
    member_client, buyer_client, complaint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("complaints-seller:answer", kwargs={"pk": complaint.pk}), {"body": "Xin lỗi, sẽ gửi hũ mới."}
        )

    assert response.status_code == 302
    assert status_of(complaint) == Complaint.Status.ANSWERED
    (message,) = [each for each in mail.outbox if each.to == ["lan@example.vn"] and "tin nhắn mới" in each.subject]
    assert "Xin lỗi, sẽ gửi hũ mới." in message.body
    page = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "Xin lỗi, sẽ gửi hũ mới." in page
    assert 'id="settle"' in page
    assert 'id="escalate"' in page


def test_an_empty_answer_is_refused_with_a_message(member_client, complaint):
    response = member_client.post(reverse("complaints-seller:answer", kwargs={"pk": complaint.pk}), {"body": "  "})

    assert response.status_code == 400
    assert "Vui lòng nhập nội dung tin nhắn." in response.content.decode()
    assert status_of(complaint) == Complaint.Status.OPEN


def test_the_buyer_agrees_with_the_answer_and_the_complaint_is_closed(buyer_client, honey_owner, complaint):
    workflow.answer_complaint(complaint, honey_owner, "Sẽ gửi hũ mới.")

    response = buyer_client.post(reverse("complaints:settle", kwargs={"pk": complaint.pk}))

    assert response.status_code == 302
    assert status_of(complaint) == Complaint.Status.SETTLED
    page = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()
    assert 'id="send-message"' not in page


def test_the_buyer_cannot_escalate_before_the_stalls_deadline(buyer_client, complaint):
    response = buyer_client.post(reverse("complaints:escalate", kwargs={"pk": complaint.pk}), {"reason": "Lâu quá"})

    assert response.status_code == 400
    assert "Gian hàng còn hạn trả lời tới" in response.content.decode()
    assert "Lâu quá" in response.content.decode()
    assert status_of(complaint) == Complaint.Status.OPEN


def test_the_buyer_escalates_once_the_deadline_passed_unanswered_and_staff_are_told(
    buyer_client, staff, complaint, django_capture_on_commit_callbacks
):
    Complaint.objects.filter(pk=complaint.pk).update(answer_due=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        response = buyer_client.post(
            reverse("complaints:escalate", kwargs={"pk": complaint.pk}), {"reason": "Gian hàng im lặng."}
        )

    assert response.status_code == 302
    assert status_of(complaint) == Complaint.Status.ESCALATED
    staff_mail = [each for each in mail.outbox if each.to == [staff.email]]
    assert "Chờ Liên minh HTX quyết định" in staff_mail[-1].subject
    assert reverse("complaints-review:detail", kwargs={"pk": complaint.pk}) in staff_mail[-1].body


def test_the_stall_may_escalate_when_it_disagrees(member_client, complaint):
    response = member_client.post(
        reverse("complaints-seller:escalate", kwargs={"pk": complaint.pk}), {"reason": "Ảnh không phải hàng của tôi."}
    )

    assert response.status_code == 302
    assert status_of(complaint) == Complaint.Status.ESCALATED


def test_the_queue_shows_escalated_complaints_and_marks_the_overdue(staff_client, buyer, complaint, honey_owner):
    workflow.escalate_by_stall(complaint, honey_owner, "Cần Liên minh xem.")
    Complaint.objects.filter(pk=complaint.pk).update(answer_due=timezone.now() - timedelta(days=1))

    escalated = staff_client.get(reverse("complaints-review:queue")).content.decode()
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.OPEN)
    overdue = staff_client.get(reverse("complaints-review:queue") + "?status=open").content.decode()

    assert reverse("complaints-review:detail", kwargs={"pk": complaint.pk}) in escalated
    assert "Quá hạn" in overdue
    assert 'class="table-danger overdue"' in overdue


def test_a_status_the_queue_does_not_know_shows_a_message_not_an_error(staff_client, complaint):
    response = staff_client.get(reverse("complaints-review:queue") + "?status=bogus&page=99")

    assert response.status_code == 200
    assert "Trạng thái khiếu nại không hợp lệ" in response.content.decode()


def test_staff_refund_of_a_cash_on_delivery_part_is_recorded_as_owed_by_hand(staff_client, buyer_client, complaint):
    response = staff_client.post(
        reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "refund"}),
        {"reason": "Hàng vỡ khi giao."},
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REFUNDED
    assert complaint.refund_by_hand
    assert complaint.refund_amount == complaint.stall_order.total
    assert not Refund.objects.exists()  # the cash was paid to the stall's carrier: nothing goes back online
    page = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "Liên minh HTX chuyển khoản lại cho người mua" in page


def test_a_rejection_needs_a_reason_and_keeps_the_page(staff_client, complaint):
    response = staff_client.post(
        reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "reject"}), {"reason": ""}
    )

    assert response.status_code == 400
    assert status_of(complaint) == Complaint.Status.OPEN


def test_staff_accept_a_return_with_instructions_both_parties_read(
    staff_client, complaint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("complaints-review:decide", kwargs={"pk": complaint.pk, "action": "return"}),
            {"reason": "Gửi lại hàng qua GHN, gian hàng chịu phí."},
        )

    assert status_of(complaint) == Complaint.Status.RETURN_ACCEPTED
    to_buyer = [each for each in mail.outbox if each.to == ["lan@example.vn"]][-1]
    to_stall = [each for each in mail.outbox if each.to == ["chu.mat.ong@example.vn"]][-1]
    assert "Gửi lại hàng qua GHN" in to_buyer.body
    assert "Gửi lại hàng qua GHN" in to_stall.body


def test_the_staff_list_downloads_as_csv_with_formula_cells_neutralised(staff_client, complaint, honey_stall):
    honey_stall.name = "=HYPERLINK(1)"
    honey_stall.save()

    response = staff_client.get(reverse("complaints-review:export") + "?status=all")

    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"{complaint.pk},{complaint.stall_order.order.number}" in body
    assert "'=HYPERLINK(1)" in body


def test_queue_and_complaint_pages_cost_a_fixed_number_of_queries(
    staff_client, complaint, honey_owner, django_assert_max_num_queries
):
    workflow.escalate_by_stall(complaint, honey_owner, "Cần Liên minh xem.")

    with django_assert_max_num_queries(12):
        queue = staff_client.get(reverse("complaints-review:queue"))
    with django_assert_max_num_queries(13):
        detail = staff_client.get(reverse("complaints-review:detail", kwargs={"pk": complaint.pk}))

    assert (queue.status_code, detail.status_code) == (200, 200)


def test_the_buyers_and_the_stalls_pages_cost_a_fixed_number_of_queries(
    buyer_client, member_client, complaint, honey_owner, django_assert_max_num_queries
):
    workflow.answer_complaint(complaint, honey_owner, "Sẽ gửi hũ mới.")
    workflow.post_message(complaint, "buyer", None, "Cảm ơn.")

    with django_assert_max_num_queries(17):
        thread = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk}))
    with django_assert_max_num_queries(15):
        stall_list = member_client.get(reverse("complaints-seller:list"))
    with django_assert_max_num_queries(14):
        stall_thread = member_client.get(reverse("complaints-seller:detail", kwargs={"pk": complaint.pk}))

    assert (thread.status_code, stall_list.status_code, stall_thread.status_code) == (200, 200, 200)


def test_each_party_reads_the_emails_in_their_own_language(
    member_client, complaint, honey_owner, django_capture_on_commit_callbacks
):
    BuyerContact.objects.filter(order=complaint.stall_order.order).update(language="en")
    Membership.objects.filter(user=honey_owner).update(language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("complaints-seller:answer", kwargs={"pk": complaint.pk}), {"body": "Sẽ gửi hũ mới."})
        workflow.escalate_by_stall(complaint, honey_owner, "Cần Liên minh xem.")

    to_buyer = [each.subject for each in mail.outbox if each.to == ["lan@example.vn"]]
    to_stall = [each.subject for each in mail.outbox if each.to == ["chu.mat.ong@example.vn"]]
    assert f"Complaint about order {complaint.stall_order.order.number}: New message" in to_buyer
    assert any("Waiting for the Cooperative Alliance's decision" in subject for subject in to_buyer)
    assert any("等待合作社联盟决定" in subject for subject in to_stall)


def test_the_stall_home_lists_complaints_waiting_for_an_answer(member_client, complaint):
    page = member_client.get(reverse("storefronts:application")).content.decode()

    assert "Khiếu nại cần trả lời" in page
    assert reverse("complaints-seller:list") in page


def test_staff_ask_a_question_in_the_thread_and_both_parties_read_it(
    staff_client, buyer_client, member_client, complaint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("complaints-review:message", kwargs={"pk": complaint.pk}), {"body": "Gian hàng gửi ảnh đóng gói?"}
        )
    refused = member_client.post(reverse("complaints-review:message", kwargs={"pk": complaint.pk}), {"body": "x"})

    assert response.status_code == 302
    assert refused.status_code == 403
    thread = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()
    assert 'data-party="staff"' in thread
    assert "Gian hàng gửi ảnh đóng gói?" in thread
    for address in ("lan@example.vn", "chu.mat.ong@example.vn"):
        assert any("Gian hàng gửi ảnh đóng gói?" in each.body for each in mail.outbox if each.to == [address])
    assert status_of(complaint) == Complaint.Status.OPEN
