"""Signing up takes agreeing to the privacy policy; the site records which version was agreed to, when and in which
language, so the consent can be shown later (Law 91/2025/QH15)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from shop.customer.models import PrivacyConsent
from tests.factories import UserFactory
from tests.shop.accounts.test_sign_up import STRONG, sign_up
from themes.legal import LEGAL_SLUGS, privacy_policy_version

User = get_user_model()


def test_the_sign_up_form_asks_to_agree_to_the_privacy_policy_and_links_to_it(client, db):
    page = client.get("/vi/accounts/login/").content.decode()

    assert 'name="registration-accept_privacy"' in page
    assert "Tôi đã đọc và đồng ý với" in page
    assert f'href="/vi/{LEGAL_SLUGS["privacy"]}/"' in page


def test_signing_up_without_ticking_the_box_is_refused_in_vietnamese_and_keeps_what_was_typed(client, db):
    data = {
        "registration-email": "minh@example.vn",
        "registration-password1": STRONG,
        "registration-password2": STRONG,
        "registration_submit": "1",
    }

    response = client.post("/vi/accounts/login/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy đồng ý với Chính sách bảo vệ dữ liệu cá nhân để đăng ký." in page
    assert 'value="minh@example.vn"' in page
    assert not User.objects.filter(email="minh@example.vn").exists()


def test_a_new_account_records_the_policy_version_the_time_and_the_language(client, db):
    before = timezone.now()

    sign_up(client, "minh@example.vn")

    consent = PrivacyConsent.objects.get(user__email="minh@example.vn")
    assert consent.policy_version == privacy_policy_version()
    assert consent.policy_version.startswith("r")
    assert consent.language == "vi"
    assert consent.consented_at >= before


def test_someone_signing_up_with_a_known_address_records_no_consent_for_its_owner(client, db):
    owner = UserFactory(email="lan@example.vn")

    sign_up(client, "lan@example.vn")

    assert not PrivacyConsent.objects.filter(user=owner).exists()
