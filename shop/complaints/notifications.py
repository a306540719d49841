"""E-mails about a complaint, each in its reader's language: the buyer's (chosen at checkout), each stall owner's,
and union staff's (the site's language) when a complaint is escalated to them. The party who acted is not told of
their own step."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from shop.complaints.models import Complaint, ComplaintMessage
from shop.fulfilment.access import LINK_KEY_PARAMETER, link_key
from shop.tasks import send_email_on_commit
from storefronts.models import Membership
from storefronts.staff import UNION_STAFF_GROUP

Party = ComplaintMessage.Party
Status = Complaint.Status


def send(complaint, headline, text, language, recipients, url):
    with translation.override(language):
        context = {
            "complaint": complaint,
            "order": complaint.stall_order.order,
            "storefront": complaint.stall_order.storefront,
            "headline": str(headline),
            "text": text,
            "url": settings.SITE_URL + url(),
        }
        subject = render_to_string("complaints/email/update_subject.txt", context).strip()
        body = render_to_string("complaints/email/update_body.txt", context)
    send_email_on_commit(subject, body, recipients)


def buyer_url(complaint):
    path = reverse("complaints:detail", kwargs={"pk": complaint.pk})
    return f"{path}?{LINK_KEY_PARAMETER}={link_key(complaint.stall_order.order)}"


def tell_buyer(complaint, headline, text):
    order = complaint.stall_order.order
    contact = getattr(order, "buyer_contact", None)
    email = contact.email if contact else (complaint.buyer.email if complaint.buyer else "")
    language = contact.language if contact else settings.LANGUAGE_CODE
    send(complaint, headline, text, language, [email], lambda: buyer_url(complaint))


def tell_stall(complaint, headline, text):
    owners = Membership.objects.filter(
        cooperative__storefront=complaint.stall_order.storefront_id, role=Membership.Role.OWNER
    ).select_related("user")
    for owner in owners:
        url = lambda: reverse("complaints-seller:detail", kwargs={"pk": complaint.pk})  # noqa: E731
        send(complaint, headline, text, owner.language, [owner.user.email], url)


def tell_staff(complaint, headline, text):
    emails = list(
        get_user_model()
        .objects.filter(groups__name=UNION_STAFF_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    url = lambda: reverse("complaints-review:detail", kwargs={"pk": complaint.pk})  # noqa: E731
    send(complaint, headline, text, settings.LANGUAGE_CODE, emails, url)


def opened(complaint, message, record):
    tell_stall(complaint, _("Người mua gửi khiếu nại mới"), message.body)
    tell_buyer(complaint, _("Đã nhận khiếu nại của bạn"), message.body)


def new_message(complaint, message):
    headline = _("Có tin nhắn mới")
    if message.party != Party.BUYER:
        tell_buyer(complaint, headline, message.body)
    if message.party != Party.STALL:
        tell_stall(complaint, headline, message.body)


def status_changed(complaint, record):
    """After a step: the parties who did not take it hear the new status and its reason."""
    headline = Status(record.to_status).label
    text = record.reason
    if record.to_status == Status.ANSWERED:
        return  # the answer's own message was already sent (new_message)
    if record.to_status == Status.SETTLED:
        tell_stall(complaint, headline, text)
        return
    tell_buyer(complaint, headline, text)
    tell_stall(complaint, headline, text)
    if record.to_status == Status.ESCALATED:
        tell_staff(complaint, headline, text)
