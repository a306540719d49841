"""The rules of an OCOP certificate: stars against score, who certifies which stars, dates, the 36-month validity."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ocop import workflow
from ocop.models import OcopCertificate, add_months
from storefronts.models import Province
from tests.factories import OcopCertificateFactory, StorefrontFactory

Level = OcopCertificate.Level


def declared(**fields):
    """An unsaved certificate of a saved stall (the factory's: 4 stars, Lâm Đồng), valid unless ``fields`` say not."""
    return OcopCertificateFactory.build(storefront=StorefrontFactory(), **fields)


def errors_of(certificate):
    try:
        certificate.full_clean()
    except ValidationError as invalid:
        return invalid.message_dict
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stars", "score", "accepted"),
    [
        (3, 49, False),
        (3, 50, True),
        (3, 69, True),
        (3, 70, False),
        (4, 69, False),
        (4, 70, True),
        (4, 89, True),
        (4, 90, False),
        (5, 89, False),
        (5, 90, True),
        (5, 100, True),
    ],
)
def test_score_must_fall_in_the_range_of_the_stars(stars, score, accepted):
    errors = errors_of(declared(stars=stars, score=score))

    if accepted:
        assert errors == {}
    else:
        low, high = {3: (50, 69), 4: (70, 89), 5: (90, 100)}[stars]
        assert errors == {"score": [f"Sản phẩm {stars} sao phải đạt từ {low} đến {high} điểm."]}


@pytest.mark.django_db
def test_a_score_above_100_is_refused():
    assert "score" in errors_of(declared(stars=5, score=101))


@pytest.mark.django_db
def test_five_stars_certified_by_a_province_are_refused():
    errors = errors_of(declared(stars=5, score=95, issuing_level=Level.PROVINCE))

    assert errors["issuing_level"] == ["Sản phẩm 5 sao do Trung ương công nhận, không phải cấp tỉnh."]


@pytest.mark.django_db
@pytest.mark.parametrize(("stars", "score"), [(3, 60), (4, 80)])
def test_three_or_four_stars_certified_by_the_central_government_are_refused(stars, score):
    errors = errors_of(declared(stars=stars, score=score, issuing_level=Level.CENTRAL, issuing_province=None))

    assert errors["issuing_level"] == ["Sản phẩm 3 và 4 sao do Ủy ban nhân dân cấp tỉnh công nhận."]


@pytest.mark.django_db
def test_a_province_level_certificate_names_its_province():
    errors = errors_of(declared(issuing_province=None))

    assert errors == {"issuing_province": ["Chọn tỉnh / thành phố đã công nhận sản phẩm."]}


@pytest.mark.django_db
def test_a_central_certificate_names_no_province():
    errors = errors_of(
        declared(stars=5, score=92, issuing_level=Level.CENTRAL, issuing_province=Province.objects.get(slug="lam-dong"))
    )

    assert errors == {"issuing_province": ["Giấy chứng nhận cấp Trung ương không ghi tỉnh công nhận."]}


@pytest.mark.django_db
def test_five_stars_from_the_central_government_are_accepted():
    assert errors_of(declared(stars=5, score=90)) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("expiry", [date(2024, 3, 15), date(2024, 3, 14)])
def test_expiry_must_come_after_the_issue_date(expiry):
    errors = errors_of(declared(expiry_date=expiry))

    assert errors == {"expiry_date": ["Ngày hết hạn phải sau ngày cấp."]}


@pytest.mark.django_db
def test_an_issue_date_in_the_future_is_refused_and_today_is_accepted():
    today = timezone.localdate()

    assert errors_of(declared(issue_date=today + timedelta(days=1))) == {
        "issue_date": ["Ngày cấp không thể ở tương lai."]
    }
    assert errors_of(declared(issue_date=today)) == {}


@pytest.mark.django_db
def test_a_certificate_number_is_declared_only_once():
    declared(certificate_number="123/GCN-UBND").save()

    errors = errors_of(declared(certificate_number="123/GCN-UBND"))

    assert errors == {"certificate_number": ["Số giấy chứng nhận này đã được khai báo."]}


# --- Validity ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued", "expires"),
    [
        (date(2024, 3, 15), date(2027, 3, 15)),
        (date(2024, 1, 31), date(2027, 1, 31)),
        (date(2024, 2, 29), date(2027, 2, 28)),  # no 29 February in 2027: the month's last day
        (date(2023, 12, 31), date(2026, 12, 31)),
    ],
)
def test_an_empty_expiry_date_becomes_36_months_after_issue(issued, expires):
    certificate = declared(issue_date=issued)
    certificate.save()

    certificate.refresh_from_db()
    assert certificate.expiry_date == expires


@pytest.mark.django_db
def test_a_printed_expiry_date_is_kept():
    certificate = declared(expiry_date=date(2026, 6, 30))
    certificate.save()

    certificate.refresh_from_db()
    assert certificate.expiry_date == date(2026, 6, 30)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 31), 3, date(2024, 4, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_only_a_verified_certificate_within_its_dates_is_valid(union_staff):
    today = timezone.localdate()
    certificate = declared(issue_date=today - timedelta(days=400), expiry_date=today)
    certificate.save()
    assert not certificate.is_valid_on(today)  # waiting for verification

    workflow.verify_certificate(certificate, union_staff)

    assert certificate.is_valid_on(today)
    assert not certificate.is_valid_on(today + timedelta(days=1))
    assert list(OcopCertificate.objects.valid(today)) == [certificate]
    assert list(OcopCertificate.objects.valid(today + timedelta(days=1))) == []
