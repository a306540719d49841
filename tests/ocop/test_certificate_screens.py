"""OCOP certificate screens: a member declares a certificate, union staff verify it in the dashboard, anyone looks it
up by its number."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ocop import workflow
from ocop.models import OcopCertificate
from storefronts.models import Membership, Province
from tests.factories import (
    PDF_SCAN,
    DraftStorefrontFactory,
    MembershipFactory,
    OcopCertificateFactory,
    ProductFactory,
    StorefrontFactory,
    UserFactory,
)

Status = OcopCertificate.Status

MY_CERTIFICATES = reverse("ocop:member-certificates")
NEW_CERTIFICATE = reverse("ocop:member-certificate-create")
QUEUE = reverse("ocop-review:queue")
LOOKUP = reverse("ocop:certificate-lookup")


def my_certificate_url(certificate):
    return reverse("ocop:member-certificate", kwargs={"pk": certificate.pk})


def detail_url(certificate):
    return reverse("ocop-review:detail", kwargs={"pk": certificate.pk})


def scan_url(certificate):
    return reverse("ocop-review:scan", kwargs={"pk": certificate.pk})


def decide_url(certificate, action):
    return reverse("ocop-review:decide", kwargs={"pk": certificate.pk, "action": action})


def scan_upload(name="giay-chung-nhan.pdf", content=PDF_SCAN):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Gian hàng Mật ong U Minh")


@pytest.fixture
def member(client, stall):
    """The signed-in owner of an approved stall."""
    membership = MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner@ongmat.example.vn")
    client.force_login(membership.user)
    return membership.user


@pytest.fixture
def honey(stall):
    return ProductFactory(storefront=stall, title="Mật ong rừng tràm")


@pytest.fixture
def wax(stall):
    return ProductFactory(storefront=stall, title="Sáp ong nguyên chất")


def form_data(products, **overrides):
    data = {
        "products": [product.pk for product in products],
        "stars": "4",
        "score": "78",
        "certificate_number": "123/GCN-UBND",
        "decision_number": "456/QĐ-UBND",
        "decision_date": "2024-03-10",
        "issuing_level": "province",
        "issuing_province": Province.objects.get(slug="lam-dong").pk,
        "issue_date": "2024-03-15",
        "expiry_date": "",
    }
    data.update(overrides)
    return data


# --- Members: who may come in -----------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page(client, stall):
    for url in (MY_CERTIFICATES, NEW_CERTIFICATE, my_certificate_url(OcopCertificateFactory(storefront=stall))):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("customer:login"))


@pytest.mark.django_db
def test_member_of_a_stall_not_yet_approved_is_pointed_to_the_application(client):
    draft = DraftStorefrontFactory()
    membership = MembershipFactory(cooperative=draft.cooperative)
    stranger = UserFactory()
    for user in (membership.user, stranger):
        client.force_login(user)
        for url in (MY_CERTIFICATES, NEW_CERTIFICATE):
            response = client.get(url)
            assert response.status_code == 403
            assert f'href="{reverse("storefronts:application")}"' in response.content.decode()
        response = client.post(NEW_CERTIFICATE, form_data([]) | {"scan": scan_upload()})
        assert response.status_code == 403
    assert not OcopCertificate.objects.exists()


def test_member_cannot_see_another_stalls_certificate(client, member, stall):
    own = OcopCertificateFactory(storefront=stall, certificate_number="CUA-MINH-01")
    others = OcopCertificateFactory(storefront=StorefrontFactory(), certificate_number="KHAC-01")

    assert client.get(my_certificate_url(own)).status_code == 200
    response = client.get(my_certificate_url(others))

    assert response.status_code == 404
    assert "KHAC-01" not in response.content.decode()


# --- Members: the list, a declaration, one certificate ----------------------------------------------------------------


def test_member_lists_their_stalls_certificates_with_status_stars_and_expiry(
    client, member, stall, honey, django_assert_max_num_queries
):
    OcopCertificateFactory(storefront=stall, certificate_number="GCN-CHO", products=[honey])
    OcopCertificateFactory(storefront=StorefrontFactory(), certificate_number="GCN-CUA-NGUOI-KHAC")
    with django_assert_max_num_queries(25) as one:
        client.get(MY_CERTIFICATES)
    for number in range(5):
        OcopCertificateFactory(
            storefront=stall, certificate_number=f"GCN-{number}", products=[honey, ProductFactory(storefront=stall)]
        )

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(MY_CERTIFICATES)

    page = response.content.decode()
    assert response.status_code == 200
    assert "GCN-CHO" in page and "GCN-4" in page
    assert "GCN-CUA-NGUOI-KHAC" not in page
    assert "Chờ xác minh" in page and "4 sao" in page and "15/03/2027" in page and "Mật ong rừng tràm" in page


def test_member_declares_a_certificate_that_waits_for_verification(client, member, stall, honey, wax):
    response = client.post(NEW_CERTIFICATE, form_data([honey]) | {"scan": scan_upload()})

    certificate = OcopCertificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == my_certificate_url(certificate)
    assert certificate.status == Status.SUBMITTED
    assert certificate.submitted_by == member
    assert certificate.storefront == stall
    assert list(certificate.products.all()) == [honey]
    assert certificate.expiry_date == date(2027, 3, 15)
    assert certificate.scan.read() == PDF_SCAN

    page = client.get(response["Location"]).content.decode()
    assert "Đã gửi giấy chứng nhận số 123/GCN-UBND" in page
    assert "Chờ xác minh" in page and "Mật ong rừng tràm" in page and "Sáp ong nguyên chất" not in page


def test_the_form_offers_only_the_stalls_own_products(client, member, honey):
    ProductFactory(title="Nước mắm của gian hàng khác")

    page = client.get(NEW_CERTIFICATE).content.decode()

    assert "Mật ong rừng tràm" in page
    assert "Nước mắm của gian hàng khác" not in page


def test_errors_come_from_the_certificate_rules_and_keep_what_was_typed(client, member, honey, wax):
    data = form_data([honey, wax], stars="5", score="75", certificate_number="99/GCN-UBND")

    response = client.post(NEW_CERTIFICATE, data | {"scan": scan_upload()})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Sản phẩm 5 sao phải đạt từ 90 đến 100 điểm." in page
    assert "Sản phẩm 5 sao do Trung ương công nhận, không phải cấp tỉnh." in page
    assert 'value="75"' in page and 'value="99/GCN-UBND"' in page and 'value="456/QĐ-UBND"' in page
    assert 'value="2024-03-15"' in page and page.count("checked") == 3  # two products and the level
    assert not OcopCertificate.objects.exists()


def test_a_good_scan_is_kept_when_another_field_is_wrong(client, member, honey):
    response = client.post(
        NEW_CERTIFICATE,
        form_data([honey], issue_date=str(timezone.localdate() + timedelta(days=3)))
        | {"scan": scan_upload("gcn-2024.pdf")},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ngày cấp không thể ở tương lai." in page
    assert "Đã nhận bản quét “gcn-2024.pdf”" in page
    token = response.context["form"].data["kept_scan"]

    response = client.post(NEW_CERTIFICATE, form_data([honey], kept_scan=token))

    assert response.status_code == 302
    assert OcopCertificate.objects.get().scan.read() == PDF_SCAN


def test_a_kept_scan_reference_cannot_be_forged_or_reused_by_someone_else(client, member, honey):
    response = client.post(NEW_CERTIFICATE, form_data([honey], score="10") | {"scan": scan_upload()})
    token = response.context["form"].data["kept_scan"]
    other_stall = StorefrontFactory()
    other_member = MembershipFactory(cooperative=other_stall.cooperative).user
    other_product = ProductFactory(storefront=other_stall)

    client.force_login(other_member)
    for forged in (token, token[:-2] + "xx", "ocop/certificates/abc.pdf"):
        response = client.post(NEW_CERTIFICATE, form_data([other_product], kept_scan=forged))
        assert response.status_code == 400
        assert "Vui lòng tải lên bản quét giấy chứng nhận." in response.content.decode()
    assert not OcopCertificate.objects.exists()


def test_a_scan_that_is_not_a_pdf_or_picture_is_refused(client, member, honey):
    response = client.post(
        NEW_CERTIFICATE, form_data([honey]) | {"scan": scan_upload("gcn.pdf", b"MZ\x90\x00 not a document")}
    )

    assert response.status_code == 400
    assert "Tệp này không phải PDF, JPEG hay PNG" in response.content.decode()
    assert 'id="kept-scan"' not in response.content.decode()
    assert not OcopCertificate.objects.exists()


def test_a_forged_product_of_another_stall_is_refused(client, member, honey):
    foreign = ProductFactory(title="Nước mắm của gian hàng khác")

    response = client.post(NEW_CERTIFICATE, form_data([honey, foreign]) | {"scan": scan_upload()})

    assert response.status_code == 400
    assert f"Sản phẩm “{foreign.pk}” không thuộc gian hàng của bạn." in response.content.decode()
    assert not OcopCertificate.objects.exists()
    assert not foreign.ocop_certificates.exists()


def test_a_number_already_declared_is_refused(client, member, stall, honey):
    OcopCertificateFactory(storefront=StorefrontFactory(), certificate_number="123/GCN-UBND")

    response = client.post(NEW_CERTIFICATE, form_data([honey]) | {"scan": scan_upload()})

    assert response.status_code == 400
    assert "Số giấy chứng nhận này đã được khai báo." in response.content.decode()
    assert not stall.ocop_certificates.exists()


def test_member_reads_the_history_with_staffs_reasons(client, member, stall, union_staff):
    certificate = OcopCertificateFactory(storefront=stall)
    workflow.reject_certificate(certificate, union_staff, "Bản quét bị mờ, không đọc được số quyết định.")

    page = client.get(my_certificate_url(certificate)).content.decode()

    assert "Bị từ chối" in page
    assert "Bản quét bị mờ, không đọc được số quyết định." in page


# --- Union staff ------------------------------------------------------------------------------------------------------


@pytest.fixture
def reviewer(client, union_staff):
    client.force_login(union_staff)
    return union_staff


def test_anonymous_visitor_is_sent_to_the_dashboard_login(client, stall):
    certificate = OcopCertificateFactory(storefront=stall)
    for url in (QUEUE, detail_url(certificate), scan_url(certificate), decide_url(certificate, "verify")):
        response = client.get(url) if "verify" not in url else client.post(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('dashboard:login')}?next={url}"


def test_users_without_the_verify_permission_get_403(client, stall):
    certificate = OcopCertificateFactory(storefront=stall)
    owner = MembershipFactory(cooperative=stall.cooperative).user
    for user in (owner, UserFactory(is_staff=True)):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403
        assert client.get(detail_url(certificate)).status_code == 403
        assert client.get(scan_url(certificate)).status_code == 403
        assert client.post(decide_url(certificate, "verify")).status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.SUBMITTED


def test_queue_shows_waiting_certificates_oldest_first_with_their_count(
    client, reviewer, stall, django_assert_max_num_queries
):
    newest = OcopCertificateFactory(storefront=stall, certificate_number="MOI-NHAT")
    oldest = OcopCertificateFactory(storefront=stall, certificate_number="CU-NHAT")
    middle = OcopCertificateFactory(storefront=stall, certificate_number="O-GIUA")
    OcopCertificate.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - timedelta(days=10))
    OcopCertificate.objects.filter(pk=middle.pk).update(created_at=timezone.now() - timedelta(days=5))
    workflow.verify_certificate(OcopCertificateFactory(storefront=stall, certificate_number="DA-XAC-MINH"), reviewer)

    with django_assert_max_num_queries(15) as few:
        client.get(QUEUE)
    for number in range(8):
        OcopCertificateFactory(storefront=StorefrontFactory(), certificate_number=f"THEM-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(QUEUE).content.decode()

    assert 'id="waiting-count">11</a>' in page
    assert page.index("CU-NHAT") < page.index("O-GIUA") < page.index("MOI-NHAT") < page.index("THEM-0")
    assert "DA-XAC-MINH" not in page
    assert newest.certificate_number in page


def test_queue_filters_by_status_and_ignores_an_unknown_one(client, reviewer, stall):
    workflow.verify_certificate(OcopCertificateFactory(storefront=stall, certificate_number="DA-XAC-MINH"), reviewer)
    OcopCertificateFactory(storefront=stall, certificate_number="DANG-CHO")

    verified = client.get(QUEUE, {"status": "verified"}).content.decode()
    everything = client.get(QUEUE, {"status": "all"}).content.decode()
    unknown = client.get(QUEUE, {"status": "<b>la</b>"}).content.decode()

    assert "DA-XAC-MINH" in verified and "DANG-CHO" not in verified
    assert "DA-XAC-MINH" in everything and "DANG-CHO" in everything
    assert "DANG-CHO" in unknown and "DA-XAC-MINH" not in unknown
    assert "&lt;b&gt;la&lt;/b&gt;" in unknown and "<b>la</b>" not in unknown


def test_detail_shows_the_whole_declaration_with_products_stall_scan_and_history(client, reviewer, stall, honey):
    certificate = OcopCertificateFactory(
        storefront=stall,
        certificate_number="123/GCN-UBND",
        products=[honey],
        stars=5,
        score=93,
        issuing_level="central",
        issuing_province=None,
    )

    page = client.get(detail_url(certificate)).content.decode()

    for text in (
        "123/GCN-UBND",
        "5 sao",
        "93/100",
        "456/QĐ-UBND",
        "Trung ương (Thủ tướng Chính phủ)",
        "15/03/2024",
        "15/03/2027",
        "Mật ong rừng tràm",
        "Gian hàng Mật ong U Minh",
        stall.cooperative.name,
        scan_url(certificate),
        decide_url(certificate, "verify"),
        decide_url(certificate, "reject"),
    ):
        assert text in page, text
    assert decide_url(certificate, "revoke") not in page  # not legal while it waits


def test_the_scan_downloads_as_an_attachment_that_browsers_do_not_sniff(client, reviewer, stall):
    certificate = OcopCertificateFactory(storefront=stall)

    response = client.get(scan_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_SCAN


def test_staff_verify_a_certificate_and_the_owner_is_told(client, reviewer, stall, django_capture_on_commit_callbacks):
    MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner@ongmat.example.vn")
    certificate = OcopCertificateFactory(storefront=stall, certificate_number="123/GCN-UBND")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(certificate, "verify"))

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    certificate.refresh_from_db()
    assert certificate.status == Status.VERIFIED
    assert certificate.decisions.get().actor == reviewer
    assert [message.to for message in mail.outbox] == [["owner@ongmat.example.vn"]]
    assert mail.outbox[0].body.startswith("Dear ")
    assert "Đã xác minh giấy chứng nhận số 123/GCN-UBND" in client.get(QUEUE).content.decode()


def test_rejecting_without_a_reason_is_refused_with_the_message(client, reviewer, stall):
    certificate = OcopCertificateFactory(storefront=stall)

    response = client.post(decide_url(certificate, "reject"), {"reason": "   "})

    assert response.status_code == 400
    assert "Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Status.SUBMITTED


def test_staff_reject_and_revoke_with_reasons_shown_in_the_history(client, reviewer, stall):
    waiting, verified = (
        OcopCertificateFactory(storefront=stall, certificate_number="CHO-01"),
        OcopCertificateFactory(storefront=stall, certificate_number="DA-01"),
    )
    workflow.verify_certificate(verified, reviewer)

    assert client.post(decide_url(waiting, "reject"), {"reason": "Số quyết định sai."}).status_code == 302
    assert client.post(decide_url(verified, "revoke"), {"reason": "Sản phẩm bị đánh giá lại."}).status_code == 302

    waiting.refresh_from_db()
    verified.refresh_from_db()
    assert (waiting.status, verified.status) == (Status.REJECTED, Status.REVOKED)
    assert "Sản phẩm bị đánh giá lại." in client.get(detail_url(verified)).content.decode()


def test_an_illegal_decision_is_refused_and_the_typed_reason_kept(client, reviewer, stall):
    certificate = OcopCertificateFactory(storefront=stall)
    workflow.verify_certificate(certificate, reviewer)

    response = client.post(decide_url(certificate, "reject"), {"reason": "Lý do <em>đã gõ</em> dài"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Không thể chuyển giấy chứng nhận từ “Đã xác minh” sang “Bị từ chối”." in page
    assert "Lý do &lt;em&gt;đã gõ&lt;/em&gt; dài" in page
    certificate.refresh_from_db()
    assert certificate.status == Status.VERIFIED


def test_an_unknown_action_is_404_and_a_get_on_a_decision_is_405(client, reviewer, stall):
    certificate = OcopCertificateFactory(storefront=stall)

    assert client.post(decide_url(certificate, "approve")).status_code == 404
    assert client.get(decide_url(certificate, "verify")).status_code == 405
    assert client.post(reverse("ocop-review:decide", kwargs={"pk": 999_999, "action": "verify"})).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == Status.SUBMITTED


# --- The public lookup ------------------------------------------------------------------------------------------------


@pytest.fixture
def verified(stall, honey, union_staff):
    """A verified certificate of Lâm Đồng, valid today, for an on-sale product and a product not on sale."""
    hidden = ProductFactory(storefront=stall, title="Mật ong sắp bán", is_public=False)
    today = timezone.localdate()
    certificate = OcopCertificateFactory(
        storefront=stall,
        certificate_number="123/GCN-UBND",
        products=[honey, hidden],
        issue_date=today - timedelta(days=100),
    )
    workflow.verify_certificate(certificate, union_staff)
    return certificate


def lookup(client, number):
    response = client.get(LOOKUP, {"number": number})
    assert response.status_code == 200
    return response.content.decode()


def test_the_lookup_page_shows_a_search_form(client, db):
    page = lookup(client, "")

    assert 'name="number"' in page
    assert "Không tìm thấy" not in page


def test_a_valid_certificate_shows_its_stars_products_stall_and_authority(client, verified, honey):
    page = lookup(client, "123/GCN-UBND")

    assert "Còn hiệu lực" in page
    assert "4 sao" in page
    assert "Ủy ban nhân dân tỉnh Lâm Đồng" in page
    assert verified.issue_date.strftime("%d/%m/%Y") in page and verified.expiry_date.strftime("%d/%m/%Y") in page
    assert f'href="{honey.get_absolute_url()}"' in page
    assert "Mật ong sắp bán" not in page
    assert f'href="{verified.storefront.get_absolute_url()}"' in page


def test_the_lookup_forgives_letter_case_and_spaces(client, verified):
    assert "Còn hiệu lực" in lookup(client, "  123/gcn-ubnd ")


def test_an_expired_certificate_is_shown_as_no_longer_valid(client, stall, union_staff):
    today = timezone.localdate()
    certificate = OcopCertificateFactory(
        storefront=stall, issue_date=today - timedelta(days=1200), expiry_date=today - timedelta(days=1)
    )
    workflow.verify_certificate(certificate, union_staff)
    assert "Hết hiệu lực" in lookup(client, certificate.certificate_number)  # before the daily job ran

    workflow.run_daily(today)

    page = lookup(client, certificate.certificate_number)
    assert "Hết hiệu lực" in page and "Còn hiệu lực" not in page


def test_a_revoked_certificate_is_shown_as_revoked(client, verified, union_staff):
    workflow.revoke_certificate(verified, union_staff, "Sai phạm chất lượng")

    page = lookup(client, "123/GCN-UBND")

    assert "Đã bị thu hồi" in page and "Còn hiệu lực" not in page
    assert "Sai phạm chất lượng" not in page  # the reason is for the cooperative


def test_an_unknown_number_says_not_found(client, verified):
    page = lookup(client, "999/GCN-KHONG-CO")

    assert "Không tìm thấy giấy chứng nhận OCOP số “999/GCN-KHONG-CO”" in page


@pytest.mark.parametrize("status", ["submitted", "rejected"])
def test_a_certificate_staff_did_not_verify_is_not_public(client, stall, union_staff, status):
    certificate = OcopCertificateFactory(storefront=stall, certificate_number="CHUA-XAC-MINH")
    if status == "rejected":
        workflow.reject_certificate(certificate, union_staff, "Giả mạo")

    page = lookup(client, "CHUA-XAC-MINH")

    assert "Không tìm thấy giấy chứng nhận OCOP số" in page
    assert "Còn hiệu lực" not in page and stall.name not in page


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "' OR '1'='1' --",
        "%_%",
        "x" * 500,
        "１２３／ＧＣＮ",
        "\x00abc",
        "😀" * 70,
    ],
)
def test_hostile_input_never_breaks_the_lookup(client, verified, typed):
    page = lookup(client, typed)

    assert "<script>alert(1)</script>" not in page
    assert "Còn hiệu lực" not in page


def test_a_too_long_number_gets_a_clear_message(client, db):
    page = lookup(client, "9" * 500)

    assert "Số giấy chứng nhận dài tối đa 64 ký tự; bạn đã nhập 500 ký tự." in page


def test_a_plain_member_of_the_cooperative_may_declare_certificates_too(client, stall, honey):
    plain = MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.MEMBER)
    client.force_login(plain.user)

    assert client.get(NEW_CERTIFICATE).status_code == 200
