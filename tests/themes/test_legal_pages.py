"""The marketplace's legal texts (operating regulations, privacy, complaints, terms) as visitors find them: linked from
every page's footer, in their language, marked as drafts until the legal review, and the Ministry's badge."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from themes.legal import LEGAL_SLUGS, ensure_legal_pages, privacy_policy_version
from themes.models import LegalPage

TITLES = {
    "vi": [
        "Quy chế hoạt động",
        "Chính sách bảo vệ dữ liệu cá nhân",
        "Chính sách giải quyết khiếu nại",
        "Điều khoản sử dụng",
    ],
    "en": ["Operating regulations", "Privacy policy", "Complaint policy", "Terms of use"],
    "zh-hans": ["运营规则", "个人数据保护政策", "投诉处理政策", "使用条款"],
}


def footer_links(html):
    footer = re.search(r'<ul class="list-inline mb-2" id="legal-links">.*?</ul>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)">([^<]+)</a>', footer)


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_every_page_footer_links_to_the_four_legal_pages_which_open_in_the_visitors_language(client, db, language):
    home = client.get(f"/{language}/").content.decode()

    links = footer_links(home)

    assert len(links) == 4
    for (url, _label), title in zip(links, TITLES[language], strict=True):
        assert url.startswith(f"/{language}/")
        page = client.get(url)
        assert page.status_code == 200, url
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.content.decode(), re.S).group(1)
        assert title in heading


def test_the_legal_pages_say_they_are_drafts_awaiting_legal_review(client, db):
    html = client.get(f"/vi/{LEGAL_SLUGS['regulations']}/").content.decode()

    assert "Bản dự thảo đang chờ rà soát pháp lý, chưa có hiệu lực." in html
    assert "DỰ THẢO để bộ phận pháp chế rà soát" in html
    for duty in ("Quyền và nghĩa vụ của hợp tác xã bán hàng", "Khiếu nại và giải quyết tranh chấp", "Xử lý vi phạm"):
        assert duty in html


def test_once_the_lawyers_approve_and_the_editor_clears_the_box_the_draft_notice_goes(client, db):
    page = LegalPage.objects.get(kind="terms")
    page.awaiting_legal_review = False
    page.save_revision().publish()

    html = client.get(f"/en/{LEGAL_SLUGS['terms']}/").content.decode()

    assert "legal-draft" not in html
    assert "Terms of use" in html


def test_a_fresh_site_gets_the_four_pages_once_and_keeps_an_editors_page(db):
    LegalPage.objects.filter(kind__in=["privacy", "terms"]).delete()
    edited = LegalPage.objects.get(kind="complaints")
    edited.body_vi = "<p>Văn bản đã duyệt.</p>"
    edited.save()

    assert ensure_legal_pages() == 2
    assert ensure_legal_pages() == 0

    assert LegalPage.objects.live().count() == 4
    assert LegalPage.objects.get(kind="complaints").body_vi == "<p>Văn bản đã duyệt.</p>"
    assert LegalPage.objects.get(kind="privacy").awaiting_legal_review


def test_the_footer_shows_no_ministry_badge_until_the_registration_is_set(client, db):
    with override_settings(MOIT_REGISTRATION_URL=""):
        plain = client.get("/vi/").content.decode()
    with override_settings(MOIT_REGISTRATION_URL="http://online.gov.vn/Home/WebDetails/12345"):
        badged = client.get("/vi/").content.decode()

    assert "moit-badge" not in plain
    badge = re.search(r'<a id="moit-badge"[^>]*href="([^"]+)"[^>]*><img src="([^"]+)" alt="([^"]+)"', badged)
    assert badge.group(1) == "http://online.gov.vn/Home/WebDetails/12345"
    assert badge.group(2).endswith("moit-registered.svg")
    assert badge.group(3) == "Đã đăng ký với Bộ Công Thương"


def test_the_privacy_version_follows_the_published_revision_unless_a_setting_fixes_it(db, settings):
    settings.PRIVACY_POLICY_VERSION = ""
    before = privacy_policy_version()
    page = LegalPage.objects.get(kind="privacy")
    page.body_vi = "<p>Chính sách mới.</p>"
    page.save_revision().publish()

    after = privacy_policy_version()
    settings.PRIVACY_POLICY_VERSION = "2026-01-01"

    assert before.startswith("r") and after.startswith("r") and before != after
    assert privacy_policy_version() == "2026-01-01"


def test_a_legal_page_costs_a_few_queries(client, db, django_assert_max_num_queries):
    with translation.override("vi"):
        url = f"/vi/{LEGAL_SLUGS['privacy']}/"
    client.get(url)

    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
