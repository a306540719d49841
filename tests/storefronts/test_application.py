"""A cooperative member applies for a stall at /my-stall/: four guided steps, documents checked by their content,
submission, resubmission after staff ask for changes, and nobody else's application within reach."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from storefronts import workflow
from storefronts.models import Cooperative, Membership, Province, Storefront, StorefrontTransition
from tests.factories import DraftStorefrontFactory, MembershipFactory, StorefrontFactory, UserFactory

Status = Storefront.Status
OVERVIEW = reverse("storefronts:application")
SUBMIT = reverse("storefronts:application-submit")
CERTIFICATE = reverse("storefronts:application-certificate")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def step_url(step):
    return reverse("storefronts:application-step", kwargs={"step": step})


def image_bytes(image_format="PNG", mode="RGB", size=(120, 80)):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, image_format)
    return buffer.getvalue()


def upload(content, name="giay-chung-nhan.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def cooperative_step(**changes):
    return {
        "name": "Hợp tác xã Nông nghiệp Xuân Hương",
        "short_name": "HTX Xuân Hương",
        "registration_number": "5800123456",
        "kind": Cooperative.Kind.AGRICULTURAL,
        "province": Province.objects.get(slug="lam-dong").pk,
        "year_founded": "2015",
        "member_count": "35",
        "description_vi": "Trồng rau và hoa theo tiêu chuẩn VietGAP.",
        **changes,
    }


def contact_step(**changes):
    return {
        "commune": "Phường Xuân Hương – Đà Lạt",
        "street_address": "12 Trần Hưng Đạo",
        "phone": "0912 345 678",
        "email": "lienhe@xuanhuong.example.vn",
        "website": "",
        **changes,
    }


def stall_step(**changes):
    return {
        "name_vi": "Rau sạch Đà Lạt Xuân Hương",
        "slug": "",
        "tagline_vi": "Rau VietGAP hái buổi sáng",
        "about_vi": "Rau ăn lá và rau gia vị từ 35 hộ thành viên.",
        **changes,
    }


@pytest.fixture
def applicant(client, db):
    user = UserFactory(email="chunhiem@xuanhuong.example.vn")
    client.force_login(user)
    return user


@pytest.fixture
def complete_draft(client, applicant):
    """The applicant's draft with all four steps filled in through the pages."""
    client.post(step_url("cooperative"), cooperative_step())
    client.post(step_url("contact"), contact_step())
    client.post(step_url("stall"), stall_step())
    client.post(step_url("documents"), {"registration_certificate": upload(PDF)})
    return Storefront.objects.get(cooperative__memberships__user=applicant)


def stored_certificate(storefront):
    cooperative = Cooperative.objects.get(pk=storefront.cooperative_id)
    with cooperative.registration_certificate.open("rb") as handle:
        return cooperative.registration_certificate.name, handle.read()


def test_visitor_is_asked_to_log_in_first(client, db):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('customer:login')}?next={OVERVIEW}"


def test_user_without_a_cooperative_is_welcomed_with_a_start_button(client, applicant):
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert "Bắt đầu đăng ký" in response.content.decode()
    assert step_url("cooperative") in response.content.decode()


def test_member_applies_through_the_four_steps_and_submits(client, applicant, django_capture_on_commit_callbacks):
    response = client.get(step_url("cooperative"))
    assert response.status_code == 200
    assert 'for="id_registration_number"' in response.content.decode()

    response = client.post(step_url("cooperative"), cooperative_step())
    assert response["Location"] == step_url("contact")
    storefront = Storefront.objects.get(cooperative__registration_number="5800123456")
    assert storefront.status == Status.DRAFT
    assert Membership.objects.get(user=applicant, cooperative=storefront.cooperative).role == Membership.Role.OWNER

    response = client.post(step_url("contact"), contact_step())
    assert response["Location"] == step_url("stall")
    assert Cooperative.objects.get(pk=storefront.cooperative_id).phone == "0912345678"

    response = client.get(step_url("stall"))
    page = response.content.decode()
    assert 'value="Hợp tác xã Nông nghiệp Xuân Hương"' in page  # the name proposed until the stall's own is typed
    assert 'value="hop-tac-xa-nong-nghiep-xuan-huong"' in page  # and the address suggested from it
    response = client.post(step_url("stall"), stall_step())
    assert response["Location"] == step_url("documents")
    storefront.refresh_from_db()
    assert (storefront.name_vi, storefront.slug) == ("Rau sạch Đà Lạt Xuân Hương", "rau-sach-da-lat-xuan-huong")

    response = client.post(step_url("documents"), {"registration_certificate": upload(image_bytes(), "scan.png")})
    assert response["Location"] == OVERVIEW

    page = client.get(OVERVIEW).content.decode()
    assert "Bản nháp" in page
    assert SUBMIT in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT)
    assert response["Location"] == OVERVIEW
    storefront.refresh_from_db()
    assert storefront.status == Status.SUBMITTED
    transition = StorefrontTransition.objects.get(storefront=storefront)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        Status.DRAFT,
        Status.SUBMITTED,
        applicant,
    )
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert "Đã gửi, chờ duyệt" in client.get(OVERVIEW).content.decode()


def test_save_and_continue_later_returns_to_the_overview_with_the_checklist(client, applicant):
    response = client.post(step_url("cooperative"), {**cooperative_step(), "save_later": "1"})
    assert response["Location"] == OVERVIEW
    page = client.get(OVERVIEW).content.decode()
    assert page.count("Đã xong") == 1
    assert page.count("Chưa xong") == 3
    assert SUBMIT not in page


def test_unknown_step_is_not_found(client, applicant):
    assert client.get(step_url("payment")).status_code == 404


def test_validation_error_keeps_every_typed_value(client, applicant):
    typed = cooperative_step(registration_number="58001-23", year_founded="1890")
    response = client.post(step_url("cooperative"), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã số hợp tác xã / mã số thuế gồm 10 chữ số" in page
    assert 'value="58001-23"' in page
    assert 'value="Hợp tác xã Nông nghiệp Xuân Hương"' in page
    assert 'value="HTX Xuân Hương"' in page
    assert 'value="1890"' in page
    assert 'value="35"' in page
    assert "Trồng rau và hoa theo tiêu chuẩn VietGAP." in page
    assert f'<option value="{typed["province"]}" selected>' in page
    assert not Cooperative.objects.exists()


def test_contact_errors_keep_the_typed_address(client, applicant):
    client.post(step_url("cooperative"), cooperative_step())
    response = client.post(step_url("contact"), contact_step(phone="12345", email="khong-phai-email"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số điện thoại không hợp lệ" in page
    assert 'value="12 Trần Hưng Đạo"' in page
    assert 'value="khong-phai-email"' in page
    assert Cooperative.objects.get().phone == ""


def test_registration_number_of_another_cooperative_is_refused(client, applicant):
    StorefrontFactory(cooperative__registration_number="5800123456")
    response = client.post(step_url("cooperative"), cooperative_step())
    assert response.status_code == 400
    assert "Mã số này đã được một hợp tác xã khác đăng ký." in response.content.decode()
    assert not Membership.objects.filter(user=applicant).exists()


def test_stall_address_must_be_plain_and_free(client, applicant):
    StorefrontFactory(slug="rau-sach")
    client.post(step_url("cooperative"), cooperative_step())
    response = client.post(step_url("stall"), stall_step(slug="Rau sạch Đà Lạt"))
    assert response.status_code == 400
    assert "chữ thường không dấu" in response.content.decode()
    assert 'value="Rau sạch Đà Lạt"' in response.content.decode()
    response = client.post(step_url("stall"), stall_step(slug="rau-sach"))
    assert response.status_code == 400
    assert "“rau-sach” đã có gian hàng khác dùng" in response.content.decode()
    assert "rau-sach-2" in response.content.decode()


NOT_A_DOCUMENT = "không phải PDF, JPEG hay PNG"
BROKEN_IMAGE = "Ảnh bị hỏng hoặc không trọn vẹn"
BROKEN_PDF = "Tệp PDF không trọn vẹn"
TOO_LARGE = "vượt quá giới hạn 10 MB"
TOO_MANY_PIXELS = "Ảnh quá lớn (8000 × 7000 điểm ảnh)"


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"Day chi la van ban, khong phai giay chung nhan.", "giay-chung-nhan.pdf", NOT_A_DOCUMENT),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 10, "giay-chung-nhan.pdf", NOT_A_DOCUMENT),
        (image_bytes()[:60], "anh-chup.png", BROKEN_IMAGE),
        (image_bytes("JPEG")[:200], "anh-chup.jpg", BROKEN_IMAGE),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "bi-cat.pdf", BROKEN_PDF),
        (b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n", "qua-lon.pdf", TOO_LARGE),
        (image_bytes(mode="1", size=(8000, 7000)), "trang-giay.png", TOO_MANY_PIXELS),  # a few KB, 56 megapixels
    ],
    ids=[
        "text-renamed-pdf",
        "exe-renamed-pdf",
        "truncated-png",
        "truncated-jpeg",
        "truncated-pdf",
        "over-10-mb",
        "too-many-pixels",
    ],
)
def test_forged_broken_or_oversized_upload_is_refused_and_the_stored_certificate_kept(
    client, complete_draft, content, name, message
):
    before = stored_certificate(complete_draft)
    response = client.post(step_url("documents"), {"registration_certificate": upload(content, name)})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Đã tải lên:" in page  # the stored certificate is still there and offered for download
    assert stored_certificate(complete_draft) == before


def test_documents_step_needs_a_file_the_first_time(client, applicant):
    client.post(step_url("cooperative"), cooperative_step())
    response = client.post(step_url("documents"), {})
    assert response.status_code == 400
    assert "Vui lòng tải lên giấy chứng nhận đăng ký hợp tác xã." in response.content.decode()


def test_documents_step_keeps_the_stored_certificate_when_no_new_file_is_chosen(client, complete_draft):
    before = stored_certificate(complete_draft)
    response = client.post(step_url("documents"), {})
    assert response["Location"] == OVERVIEW
    assert stored_certificate(complete_draft) == before


def test_certificate_is_judged_and_served_by_its_content_not_its_name(client, complete_draft):
    png = image_bytes()
    client.post(step_url("documents"), {"registration_certificate": upload(png, "scan.pdf", "application/pdf")})
    name, content = stored_certificate(complete_draft)
    assert content == png
    assert name.endswith(".png")
    response = client.get(CERTIFICATE)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="giay-chung-nhan-5800123456.png"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png


def test_jpeg_certificate_is_accepted(client, complete_draft):
    jpeg = image_bytes("JPEG")
    response = client.post(step_url("documents"), {"registration_certificate": upload(jpeg, "ANH.JPG", "image/jpeg")})
    assert response["Location"] == OVERVIEW
    assert client.get(CERTIFICATE)["Content-Type"] == "image/jpeg"


def test_submitting_an_incomplete_application_leads_to_the_missing_step(client, applicant):
    client.post(step_url("cooperative"), cooperative_step())
    client.post(step_url("contact"), contact_step())
    response = client.post(SUBMIT)
    assert response["Location"] == step_url("stall")  # the stall's name and address were never confirmed
    assert Storefront.objects.get().status == Status.DRAFT
    assert not StorefrontTransition.objects.exists()


def test_submit_accepts_only_post(client, complete_draft):
    assert client.get(SUBMIT).status_code == 405
    assert Storefront.objects.get().status == Status.DRAFT


def test_steps_are_locked_while_the_application_waits_for_review(client, complete_draft):
    client.post(SUBMIT)
    response = client.get(step_url("contact"), follow=True)
    assert response.redirect_chain == [(OVERVIEW, 302)]
    assert "không sửa được" in response.content.decode()
    client.post(step_url("contact"), contact_step(phone="0987654321"))
    assert Cooperative.objects.get().phone == "0912345678"
    response = client.post(SUBMIT, follow=True)
    assert "Không thể chuyển gian hàng" in response.content.decode()
    assert StorefrontTransition.objects.count() == 1


def test_resubmission_after_staff_request_changes(
    client, complete_draft, union_staff, django_capture_on_commit_callbacks
):
    client.post(SUBMIT)
    workflow.request_changes(complete_draft, union_staff, "Ảnh giấy chứng nhận bị mờ, vui lòng chụp lại.")
    page = client.get(OVERVIEW).content.decode()
    assert "Cần bổ sung" in page
    assert "Ảnh giấy chứng nhận bị mờ, vui lòng chụp lại." in page

    response = client.post(step_url("documents"), {"registration_certificate": upload(image_bytes(), "ro-net.png")})
    assert response["Location"] == OVERVIEW
    assert "Gửi lại hồ sơ" in client.get(OVERVIEW).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.SUBMITTED
    assert list(complete_draft.transitions.values_list("to_status", flat=True)) == [
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.SUBMITTED,
    ]
    assert len(mail.outbox) == 1


def test_rejected_application_shows_the_staff_reason_and_no_edit_links(client, complete_draft, union_staff):
    client.post(SUBMIT)
    workflow.reject_storefront(complete_draft, union_staff, "Hợp tác xã đã giải thể theo Sở KH-ĐT.")
    page = client.get(OVERVIEW).content.decode()
    assert "Bị từ chối" in page
    assert "Hợp tác xã đã giải thể theo Sở KH-ĐT." in page
    assert step_url("contact") not in page
    assert SUBMIT not in page


def test_approved_stall_links_to_its_public_page(client, complete_draft, union_staff):
    client.post(SUBMIT)
    workflow.approve_storefront(complete_draft, union_staff)
    page = client.get(OVERVIEW).content.decode()
    assert "Đã duyệt" in page
    assert reverse("storefronts:detail", kwargs={"slug": "rau-sach-da-lat-xuan-huong"}) in page


def test_another_user_cannot_see_download_or_edit_someone_elses_application(client, complete_draft):
    before = stored_certificate(complete_draft)
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(CERTIFICATE).status_code == 404
    page = client.get(OVERVIEW).content.decode()
    assert "Rau sạch Đà Lạt Xuân Hương" not in page
    assert client.get(step_url("contact"))["Location"] == step_url("cooperative")
    client.post(step_url("contact"), contact_step(phone="0987654321"))
    client.post(step_url("documents"), {"registration_certificate": upload(image_bytes(), "khac.png")})
    response = client.get(step_url("cooperative"))
    assert "5800123456" not in response.content.decode()
    assert Cooperative.objects.get().phone == "0912345678"
    assert stored_certificate(complete_draft) == before


def test_member_of_another_cooperative_downloads_only_their_own_certificate(client, complete_draft):
    other = DraftStorefrontFactory()
    member = MembershipFactory(cooperative=other.cooperative)
    client.force_login(member.user)
    assert client.get(CERTIFICATE).status_code == 404  # their own cooperative has none yet
    page = client.get(step_url("cooperative")).content.decode()
    assert other.cooperative.registration_number in page
    assert "5800123456" not in page
