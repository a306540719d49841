"""A member's declaration goes through the workflow like every later decision: it is recorded in the certificate's
history (who declared it, when), a number taken meanwhile is refused with a code and nothing saved, and only the
stall's own members declare; only the daily job expires a certificate."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ocop import workflow
from ocop.forms.member_certificates import CertificateForm
from ocop.models import CertificateDecision, OcopCertificate
from tests.factories import MembershipFactory, ProductFactory, StorefrontFactory
from tests.ocop.test_certificate_screens import form_data, scan_upload

Status = OcopCertificate.Status
NEW_CERTIFICATE = reverse("ocop:member-certificate-create")


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Gian hàng Mật ong U Minh")


@pytest.fixture
def honey(stall):
    return ProductFactory(storefront=stall, title="Mật ong rừng tràm")


@pytest.fixture
def member(stall):
    return MembershipFactory(cooperative=stall.cooperative, user__first_name="Lan", user__last_name="Nguyễn").user


def declaration(products):
    """What a member types and uploads to declare a 4-star certificate of Lâm Đồng for ``products``."""
    return form_data(products), {"scan": scan_upload()}


def test_a_declaration_is_recorded_in_the_certificates_history(client, member, honey, union_staff):
    client.force_login(member)
    data, files = declaration([honey])

    response = client.post(NEW_CERTIFICATE, data | files)

    certificate = OcopCertificate.objects.get()
    assert response.status_code == 302
    decision = certificate.decisions.get()
    assert (decision.from_status, decision.to_status, decision.actor) == ("", Status.SUBMITTED, member)
    assert decision.created_at is not None
    client.force_login(union_staff)
    page = client.get(reverse("ocop-review:detail", kwargs={"pk": certificate.pk})).content.decode()
    history = page[page.index("Lịch sử trạng thái") :]
    assert "Lan" in history and "Chờ xác minh" in history


def test_a_number_declared_meanwhile_is_refused_with_its_code_and_nothing_is_saved(member, stall, honey):
    data, files = declaration([honey])
    form = CertificateForm(data, files, storefront=stall, user=member)
    assert form.is_valid()  # the number was free when the form checked it
    other_stall = StorefrontFactory()
    other_form = CertificateForm(
        *declaration([ProductFactory(storefront=other_stall)]),
        storefront=other_stall,
        user=MembershipFactory(cooperative=other_stall.cooperative).user,
    )
    assert other_form.is_valid()
    workflow.submit_certificate(other_form.declared_certificate(), other_form.cleaned_data["products"], other_form.user)

    with pytest.raises(workflow.NumberTaken) as refused:
        workflow.submit_certificate(form.declared_certificate(), form.cleaned_data["products"], member)

    assert refused.value.code == "number_taken"
    assert refused.value.message == "Số giấy chứng nhận này đã được khai báo."
    assert not stall.ocop_certificates.exists()
    assert CertificateDecision.objects.count() == 1  # the other stall's declaration only


def test_only_the_stalls_members_declare_its_certificates(stall, honey):
    stranger = MembershipFactory(cooperative=StorefrontFactory().cooperative).user
    data, files = declaration([honey])
    form = CertificateForm(data, files, storefront=stall, user=stranger)
    assert form.is_valid()

    with pytest.raises(PermissionDenied):
        workflow.submit_certificate(form.declared_certificate(), form.cleaned_data["products"], stranger)

    assert not OcopCertificate.objects.exists()
    assert not CertificateDecision.objects.exists()


def test_only_the_daily_job_expires_a_certificate(client, member, honey, union_staff):
    client.force_login(member)
    data, files = declaration([honey])
    client.post(NEW_CERTIFICATE, data | files)
    certificate = OcopCertificate.objects.get()
    workflow.verify_certificate(certificate, union_staff)

    with pytest.raises(PermissionDenied):
        workflow.change_status(certificate, workflow.EXPIRE, union_staff)
    assert workflow.run_daily(date(2027, 3, 16)) == (1, 0)

    certificate.refresh_from_db()
    assert certificate.status == Status.EXPIRED
    assert certificate.decisions.first().actor is None
