"""A buyer opens a complaint about one stall's part from their order page: reasons, wanted outcome, photos checked
by their content, and a clear message that keeps what was typed when something is wrong."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shop.complaints import notifications
from shop.complaints.models import Complaint
from tests.complaints.conftest import jpeg_bytes


def complaint_form(**overrides):
    data = {"reason": "damaged", "wanted": "refund", "description": "Hũ mật ong bị vỡ khi nhận."}
    data.update(overrides)
    return data


def test_buyer_sees_a_complaint_button_only_under_the_part_that_was_shipped(buyer_client, order, honey_part):
    page = buyer_client.get(reverse("fulfilment:order", kwargs={"number": order.number})).content.decode()

    assert f'id="complain-{honey_part.pk}"' in page
    tea_part = order.stall_orders.exclude(pk=honey_part.pk).get()
    assert f'id="complain-{tea_part.pk}"' not in page  # still pending: nothing to complain about yet


def test_buyer_opens_a_complaint_with_a_photo_and_the_stall_owner_is_told(
    buyer_client, honey_part, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("vo.jpg", jpeg_bytes(), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        response = buyer_client.post(
            reverse("complaints:open", kwargs={"stall_order_pk": honey_part.pk}), {**complaint_form(), "photos": photo}
        )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("complaints:detail", kwargs={"pk": complaint.pk})
    assert complaint.status == Complaint.Status.OPEN
    assert complaint.photos.count() == 1
    owner_mail = [message for message in mail.outbox if message.to == ["chu.mat.ong@example.vn"]][-1]
    assert "Người mua gửi khiếu nại mới" in owner_mail.subject
    assert "Hũ mật ong bị vỡ khi nhận." in owner_mail.body
    page = buyer_client.get(response.url).content.decode()
    assert "Chờ gian hàng trả lời" in page
    assert reverse("complaints:photo", kwargs={"pk": complaint.pk, "photo_pk": complaint.photos.get().pk}) in page


def test_a_file_that_is_not_a_photo_is_refused_and_the_text_typed_is_kept(buyer_client, honey_part):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")

    response = buyer_client.post(
        reverse("complaints:open", kwargs={"stall_order_pk": honey_part.pk}), {**complaint_form(), "photos": fake}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "không phải ảnh JPEG, PNG hay WebP" in page
    assert "Hũ mật ong bị vỡ khi nhận." in page
    assert not Complaint.objects.exists()


def test_a_complaint_without_a_reason_is_refused_with_a_message(buyer_client, honey_part):
    response = buyer_client.post(
        reverse("complaints:open", kwargs={"stall_order_pk": honey_part.pk}), complaint_form(reason="")
    )

    assert response.status_code == 400
    assert "Hãy chọn vấn đề bạn gặp phải." in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_part_not_yet_shipped_cannot_be_complained_about(buyer_client, order, honey_part):
    tea_part = order.stall_orders.exclude(pk=honey_part.pk).get()

    response = buyer_client.post(reverse("complaints:open", kwargs={"stall_order_pk": tea_part.pk}), complaint_form())

    assert response.status_code == 409
    assert "Chỉ khiếu nại được phần đơn đã gửi đi hoặc đã giao." in response.content.decode()
    assert "Hũ mật ong bị vỡ khi nhận." in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_second_complaint_about_the_same_part_leads_to_the_first(buyer_client, complaint):
    response = buyer_client.get(reverse("complaints:open", kwargs={"stall_order_pk": complaint.stall_order_id}))

    assert response.status_code == 302
    assert response.url == reverse("complaints:detail", kwargs={"pk": complaint.pk})
    assert Complaint.objects.count() == 1


def test_messages_are_shown_escaped(buyer_client, complaint):
    page = buyer_client.get(reverse("complaints:detail", kwargs={"pk": complaint.pk})).content.decode()

    assert "Hũ mật ong bị vỡ &lt;b&gt;nắp&lt;/b&gt;." in page
    assert "<b>nắp</b>" not in page


def test_the_link_in_the_buyers_email_opens_the_complaint_in_any_browser(complaint):
    guest_browser = Client()
    link = notifications.buyer_url(complaint)

    opened = guest_browser.get(link)
    page = guest_browser.get(opened.url)

    assert opened.status_code == 302
    assert opened.url == reverse("complaints:detail", kwargs={"pk": complaint.pk})
    assert page.status_code == 200
    assert "Hàng bị hư hỏng" in page.content.decode()


def test_a_forged_link_key_opens_nothing(complaint):
    response = Client().get(reverse("complaints:detail", kwargs={"pk": complaint.pk}) + "?key=forged")

    assert response.status_code == 404
