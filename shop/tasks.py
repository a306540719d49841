"""E-mail goes out through Celery, never inside the request that caused it.

Every notice we write (orders, stalls, certificates, invitations) is rendered by its caller in the reader's language
and handed to ``send_email_on_commit``: it is queued once the transaction commits, so nothing is sent for a change
that rolled back, and a mail server that is down never turns a placed order or an approved stall into an error
page. A worker tries again later with growing waits; the last failure is logged (logger.exception) and dropped.

Without a broker (the embedded default) the task runs eagerly in the request, once: retrying at once would only
keep the buyer waiting, so a failure there is logged straight away.
"""

import logging
import smtplib

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)

# A mail server that is down, slow or refusing for now answers with these (socket errors and timeouts are OSErrors).
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)
RETRIES = 5
BACKOFF_FACTOR = 60  # seconds: the waits are about 1, 2, 4, 8 and 16 minutes (with jitter)
BACKOFF_MAX = 30 * 60


@shared_task(bind=True, max_retries=RETRIES, ignore_result=True)
def send_email(self, subject, body, recipients):
    """Send one plain-text e-mail from DEFAULT_FROM_EMAIL; True once sent, False when given up."""
    try:
        send_mail(subject, body, None, recipients)
    except DELIVERY_ERRORS as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.exception(
                "E-mail %r to %s not sent after %d attempt(s); given up", subject, recipients, self.request.retries + 1
            )
            return False
        wait = get_exponential_backoff_interval(BACKOFF_FACTOR, self.request.retries, BACKOFF_MAX, full_jitter=True)
        logger.warning("E-mail %r to %s not sent (%s); trying again in %d s", subject, recipients, error, wait)
        raise self.retry(exc=error, countdown=wait) from error
    return True


def send_email_on_commit(subject, body, recipients):
    """Queue an e-mail for when the current transaction commits (at once outside one). Never raises."""
    recipients = [address for address in recipients if address]
    if recipients:
        transaction.on_commit(lambda: queue_email(subject, body, recipients))


def queue_email(subject, body, recipients):
    try:
        send_email.delay(subject, body, recipients)
    except Exception:  # a broker that is down, or (eagerly) anything the sending raised: the change itself stands
        logger.exception("E-mail %r to %s could not be queued", subject, recipients)
