"""Union staff review stall applications in the dashboard: the queue, one application, decisions, the certificate."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from storefronts import workflow
from storefronts.models import Membership, Province, Storefront, StorefrontTransition
from tests.factories import DraftStorefrontFactory, MembershipFactory, UserFactory

Status = Storefront.Status
QUEUE = reverse("storefront-review:queue")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def submitted_application(province="lam-dong", **stall_fields):
    """A stall its owner (who reads e-mail in English) has sent for review."""
    stall = DraftStorefrontFactory(cooperative__province=Province.objects.get(slug=province), **stall_fields)
    owner = MembershipFactory(cooperative=stall.cooperative, language="en")
    workflow.submit_application(stall, owner.user)
    return stall


def submitted_days_ago(stall, days):
    Storefront.objects.filter(pk=stall.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def detail_url(stall):
    return reverse("storefront-review:detail", kwargs={"pk": stall.pk})


def decide_url(stall, action):
    return reverse("storefront-review:decide", kwargs={"pk": stall.pk, "action": action})


def certificate_url(stall):
    return reverse("storefront-review:certificate", kwargs={"pk": stall.pk})


@pytest.fixture
def reviewer(client, union_staff):
    client.force_login(union_staff)
    return union_staff


@pytest.fixture
def application(db):
    stall = DraftStorefrontFactory(
        name_vi="Mật ong rừng U Minh",
        name_en="U Minh forest honey",
        name_zh_hans="乌明森林蜂蜜",
        tagline_vi="Mật ong rừng tràm nguyên chất",
        about_en="Wild honey from the melaleuca forest.",
        cooperative__name="Hợp tác xã Ong mật U Minh",
        cooperative__registration_number="2000123456",
        cooperative__province=Province.objects.get(slug="ca-mau"),
        cooperative__commune="Xã U Minh",
        cooperative__year_founded=2012,
        cooperative__member_count=48,
    )
    owner = MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner@ongmat.example.vn")
    MembershipFactory(
        cooperative=stall.cooperative, role=Membership.Role.MEMBER, user__email="member@ongmat.example.vn"
    )
    workflow.submit_application(stall, owner.user)
    return stall


def approved(stall, union_staff):
    workflow.approve_storefront(stall, union_staff)
    mail.outbox.clear()
    return stall


# --- Who may come in --------------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_dashboard_login(client, application):
    for url in (QUEUE, detail_url(application), certificate_url(application)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('dashboard:login')}?next={url}"


def test_member_without_the_review_permission_gets_403(client, application):
    owner = application.cooperative.memberships.get(role=Membership.Role.OWNER).user
    for user in (owner, UserFactory(is_staff=True)):  # dashboard staff without the permission are refused too
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403
        assert client.get(detail_url(application)).status_code == 403
        assert client.get(certificate_url(application)).status_code == 403
        assert client.post(decide_url(application, "approve")).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


# --- The queue --------------------------------------------------------------------------------------------------


def test_queue_shows_waiting_applications_oldest_first_with_their_count(client, reviewer):
    newest = submitted_application(name="Gian hàng mới nhất")
    oldest = submitted_application(name="Gian hàng cũ nhất")
    middle = submitted_application(name="Gian hàng ở giữa")
    submitted_days_ago(oldest, 10)
    submitted_days_ago(middle, 5)
    approved(submitted_application(name="Gian hàng đã duyệt"), reviewer)
    DraftStorefrontFactory(name="Gian hàng còn nháp")

    page = client.get(QUEUE).content.decode()

    assert 'id="waiting-count">3</a>' in page
    assert page.index(oldest.name) < page.index(middle.name) < page.index(newest.name)
    assert "Gian hàng đã duyệt" not in page
    assert "Gian hàng còn nháp" not in page
    assert oldest.cooperative.name in page
    assert oldest.cooperative.registration_number in page
    assert "Lâm Đồng" in page


def test_queue_filters_by_status_and_province(client, reviewer):
    in_lam_dong = submitted_application(name="Cà phê Cầu Đất")
    in_ca_mau = submitted_application(province="ca-mau", name="Mật ong U Minh")
    open_stall = approved(submitted_application(province="ca-mau", name="Tôm khô Rạch Gốc"), reviewer)

    by_province = client.get(QUEUE, {"province": "ca-mau"}).content.decode()
    assert in_ca_mau.name in by_province
    assert in_lam_dong.name not in by_province
    assert open_stall.name not in by_province  # still only waiting applications

    by_status = client.get(QUEUE, {"status": "approved"}).content.decode()
    assert open_stall.name in by_status
    assert in_ca_mau.name not in by_status

    everything = client.get(QUEUE, {"status": "all", "province": "ca-mau"}).content.decode()
    assert open_stall.name in everything
    assert in_ca_mau.name in everything
    assert in_lam_dong.name not in everything


def test_unknown_filter_values_are_ignored_with_a_message(client, reviewer):
    stall = submitted_application(name="Gạo ST25 Sóc Trăng")
    response = client.get(QUEUE, {"status": "deleted", "province": "sai-gon-cu"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không có trạng thái “deleted”" in page
    assert "Không có tỉnh / thành phố “sai-gon-cu”" in page
    assert stall.name in page


def test_a_page_past_the_end_shows_the_last_page(client, reviewer):
    stall = submitted_application(name="Nước mắm Phú Quốc")
    for page in ("99", "abc", "-1"):
        response = client.get(QUEUE, {"page": page})
        assert response.status_code == 200
        assert stall.name in response.content.decode()


def test_queue_says_so_when_nothing_matches(client, reviewer):
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert "Không có hồ sơ nào khớp bộ lọc." in response.content.decode()


def test_queue_needs_the_same_number_of_queries_for_5_or_30_stalls(client, reviewer, django_assert_max_num_queries):
    for _ in range(5):
        submitted_application()
    client.get(QUEUE)  # warm caches (content types, permissions) shared by both measurements
    with CaptureQueriesContext(connection) as five_stalls:
        assert client.get(QUEUE).status_code == 200
    for _ in range(25):
        submitted_application()
    with django_assert_max_num_queries(len(five_stalls)):
        response = client.get(QUEUE)
    assert len(response.context["stalls"]) == 25
    assert 'id="waiting-count">30</a>' in response.content.decode()


# --- One application --------------------------------------------------------------------------------------------


def test_detail_shows_the_whole_application_and_the_decisions_legal_now(client, reviewer, application):
    page = client.get(detail_url(application)).content.decode()
    for fact in (
        "Hợp tác xã Ong mật U Minh",
        "2000123456",
        "Cà Mau",
        "Xã U Minh",
        "2012",
        "48",
        "owner@ongmat.example.vn",
        "member@ongmat.example.vn",
        "Mật ong rừng U Minh",
        "U Minh forest honey",
        "乌明森林蜂蜜",
        "Mật ong rừng tràm nguyên chất",
        "Wild honey from the melaleuca forest.",
        "Chưa nộp",  # no certificate yet
    ):
        assert fact in page
    assert "Bản nháp" in page and "Đã gửi, chờ duyệt" in page  # the submission in the history
    for legal in ("approve", "request-changes", "reject"):
        assert decide_url(application, legal) in page
    for not_now in ("suspend", "reinstate"):
        assert decide_url(application, not_now) not in page


def test_detail_of_an_approved_stall_offers_only_suspension(client, reviewer, application):
    approved(application, reviewer)
    page = client.get(detail_url(application)).content.decode()
    assert decide_url(application, "suspend") in page
    for not_now in ("approve", "request-changes", "reject", "reinstate"):
        assert decide_url(application, not_now) not in page


def test_detail_of_an_unknown_stall_is_404(client, reviewer):
    assert client.get(reverse("storefront-review:detail", kwargs={"pk": 999999})).status_code == 404


# --- Decisions --------------------------------------------------------------------------------------------------


def test_approving_opens_the_stall_and_emails_the_owner_in_english(
    client, reviewer, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application, "approve"))
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.partner is not None
    [message] = mail.outbox
    assert message.to == ["owner@ongmat.example.vn"]
    assert "Approved" in message.subject
    assert "Đã duyệt" not in message.subject
    assert "Đã duyệt gian hàng “Mật ong rừng U Minh”" in client.get(QUEUE).content.decode()


@pytest.mark.parametrize(
    ("action", "approve_first", "expected", "english_status"),
    [
        ("request-changes", False, Status.CHANGES_REQUESTED, "Changes requested"),
        ("reject", False, Status.REJECTED, "Rejected"),
        ("suspend", True, Status.SUSPENDED, "Suspended"),
    ],
)
def test_decisions_with_a_reason_record_it_and_email_it_to_the_owner(
    client, reviewer, application, django_capture_on_commit_callbacks, action, approve_first, expected, english_status
):
    if approve_first:
        approved(application, reviewer)
    reason = "Ảnh giấy chứng nhận bị mờ, vui lòng chụp lại."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application, action), {"reason": reason})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == expected
    assert application.transitions.first().reason == reason
    assert application.transitions.first().actor == reviewer
    [message] = mail.outbox
    assert message.to == ["owner@ongmat.example.vn"]
    assert reason in message.body
    assert english_status in message.subject  # the owner reads English


def test_reinstating_reopens_a_suspended_stall(client, reviewer, application):
    approved(application, reviewer)
    workflow.suspend_storefront(application, reviewer, "Bán hàng không đúng mô tả")
    response = client.post(decide_url(application, "reinstate"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_approving_an_approved_stall_is_refused_and_changes_nothing(
    client, reviewer, application, django_capture_on_commit_callbacks
):
    approved(application, reviewer)
    transitions = StorefrontTransition.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application, "approve"))
    assert response.status_code == 400
    assert "Không thể chuyển gian hàng" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert StorefrontTransition.objects.count() == transitions
    assert mail.outbox == []


def test_rejecting_without_a_reason_is_refused_with_a_message(client, reviewer, application):
    response = client.post(decide_url(application, "reject"), {"reason": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng ghi rõ lý do" in page
    assert 'name="reason"' in page
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.transitions.count() == 1  # only the submission


def test_a_refused_decision_keeps_the_typed_reason(client, reviewer, application):
    approved(application, reviewer)
    reason = "Hồ sơ không phải của hợp tác xã <b>thật</b>"
    response = client.post(decide_url(application, "reject"), {"reason": reason})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hồ sơ không phải của hợp tác xã &lt;b&gt;thật&lt;/b&gt;" in page  # kept, and escaped
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_an_unknown_action_is_404(client, reviewer, application):
    assert client.post(decide_url(application, "delete"), {"reason": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_deciding_by_get_is_not_allowed(client, reviewer, application):
    assert client.get(decide_url(application, "approve")).status_code == 405
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


# --- The registration certificate -------------------------------------------------------------------------------


def attach_certificate(stall, content, filename):
    stall.cooperative.registration_certificate.save(filename, ContentFile(content))


def test_reviewer_downloads_the_certificate_as_an_attachment(client, reviewer, application):
    attach_certificate(application, PDF, "giay-chung-nhan.pdf")
    assert certificate_url(application) in client.get(detail_url(application)).content.decode()
    response = client.get(certificate_url(application))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_certificate_type_comes_from_its_content_not_its_name(client, reviewer, application):
    attach_certificate(application, PNG, "giay-chung-nhan.pdf")
    assert client.get(certificate_url(application))["Content-Type"] == "image/png"


def test_certificate_is_404_when_there_is_none(client, reviewer, application):
    assert client.get(certificate_url(application)).status_code == 404
