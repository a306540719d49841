"""A mail server that is down never turns a placed order, an approved stall or a verified certificate into an error
page: the change stands, the page answers as usual, and the failed e-mail is logged for staff.

The mail server is Django's real SMTP backend pointed at a loopback port nobody listens on (connection refused).
The tests are transactional, so the e-mails are queued when the request's transaction commits, inside the request,
as in production.
"""

import logging

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from ocop.models import OcopCertificate
from storefronts.models import Storefront
from tests.factories import MembershipFactory, OcopCertificateFactory, StorefrontFactory
from tests.shop.checkout.conftest import add_to_basket, check_out, honey, honey_owner, honey_stall  # noqa: F401
from tests.shop.payments.conftest import free_loopback_port
from tests.storefronts.test_review import submitted_application

pytestmark = pytest.mark.django_db(transaction=True)
Order = get_model("order", "Order")


@pytest.fixture
def mail_server_down(settings, caplog):
    """SMTP to a closed loopback port; returns the log records of e-mails given up."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_loopback_port()
    settings.EMAIL_TIMEOUT = 2
    caplog.set_level(logging.ERROR, logger="shop.tasks")

    def given_up():
        return [record for record in caplog.records if record.name == "shop.tasks" and record.levelno == logging.ERROR]

    return given_up


@pytest.fixture
def reviewer(client, union_staff):
    client.force_login(union_staff)
    return union_staff


def test_order_is_placed_and_shown_when_the_mail_server_is_down(client, honey, honey_owner, mail_server_down):  # noqa: F811
    add_to_basket(client, honey, 2)

    response = check_out(client, [honey.storefront])

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("fulfilment:order", kwargs={"number": order.number})
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Mật ong rừng U Minh" in page.content.decode()
    failures = mail_server_down()
    # The buyer's confirmation and the stall owner's new-order notice, each logged with its traceback.
    assert sorted(record.args[1][0] for record in failures) == ["chu.mat.ong@example.vn", "lan@example.vn"]
    assert all(record.exc_info for record in failures)


def test_stall_is_approved_when_the_mail_server_is_down(client, reviewer, mail_server_down, caplog):
    stall = submitted_application()
    caplog.clear()  # the e-mail saying it was submitted

    response = client.post(reverse("storefront-review:decide", kwargs={"pk": stall.pk, "action": "approve"}))

    assert response.status_code == 302
    stall.refresh_from_db()
    assert stall.status == Storefront.Status.APPROVED
    [failure] = mail_server_down()
    assert failure.args[1] == [stall.cooperative.memberships.get().user.email]


def test_certificate_is_verified_when_the_mail_server_is_down(client, reviewer, mail_server_down):
    stall = StorefrontFactory()
    owner = MembershipFactory(cooperative=stall.cooperative, user__email="owner@ongmat.example.vn")
    certificate = OcopCertificateFactory(storefront=stall)

    response = client.post(reverse("ocop-review:decide", kwargs={"pk": certificate.pk, "action": "verify"}))

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == OcopCertificate.Status.VERIFIED
    [failure] = mail_server_down()
    assert failure.args[1] == [owner.user.email]
