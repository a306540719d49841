"""Signing up without telling anyone which addresses have an account.

Whoever types an address gets the same answer ("we sent you an e-mail"); what happens is told only to the mailbox:
- a new address: an account is created, inactive, and the e-mail carries the link that activates it;
- an address whose account was never activated: the newly chosen password replaces the old one (which made earlier
  links stale) and a fresh link is sent;
- an address with an account: nothing changes; its owner is told someone tried, with links to log in and to reset
  the password.
Each path hashes the password once, so the time the answer takes does not tell them apart either.

The first two paths record the person's consent to the privacy policy (the version they were shown, the time and
their language); the third records nothing: the account's owner did not sign up again.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_decode, urlsafe_base64_encode
from oscar.apps.customer.forms import generate_username
from oscar.apps.customer.signals import user_registered

from shop.customer.models import PrivacyConsent
from shop.tasks import send_email_on_commit
from storefronts.models import Membership
from themes.legal import privacy_policy_version


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A link that works once: it stops working when the account logs in or its password changes (and never serves
    as a password-reset link, nor the other way round)."""

    key_salt = "shop.customer.signup.ActivationTokenGenerator"


activation_tokens = ActivationTokenGenerator()


def sign_up(email, password, next_url=""):
    """Register ``email`` or tell its owner someone tried; the caller answers the same either way."""
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is None:
        user = User(username=generate_username(), email=email, is_active=False)
        user.set_password(password)
        user.save()
        record_consent(user)
        send_activation(user, next_url)
    elif not existing.is_active and existing.last_login is None:
        existing.set_password(password)
        existing.save(update_fields=["password"])
        record_consent(existing)
        send_activation(existing, next_url)
    else:
        make_password(password)  # the same work as the other paths
        send_signup_attempt(existing)


def record_consent(user):
    """The sign-up form's ticked box: this person agreed to the privacy policy as published now."""
    return PrivacyConsent.objects.create(
        user=user,
        policy_version=privacy_policy_version(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def activate_account(user, request):
    """The owner of the mailbox confirmed: the account may log in from now on."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    user_registered.send_robust(sender=activate_account, request=request, user=user)


def user_from_link(uidb64, token):
    """The inactive account an activation link names, or None when the link is wrong, used or stale."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = get_user_model().objects.get(pk=pk, is_active=False)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if activation_tokens.check_token(user, token) else None


def safe_next(url):
    site_host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return url if url and url_has_allowed_host_and_scheme(url, allowed_hosts={site_host}) else ""


def send_activation(user, next_url):
    link = reverse(
        "customer:activate",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": activation_tokens.make_token(user)},
    )
    next_url = safe_next(next_url)
    if next_url:
        link += "?" + urlencode({"next": next_url})
    send("activate", {"activation_url": settings.SITE_URL + link}, translation.get_language(), user.email)


def send_signup_attempt(user):
    """In the owner's language: their stall's, else the language of the page the attempt came from."""
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    language = membership.language if membership else translation.get_language()
    with translation.override(language):
        context = {
            "login_url": settings.SITE_URL + reverse("customer:login"),
            "reset_url": settings.SITE_URL + reverse("password-reset"),
        }
    send("signup_attempt", context, language, user.email)


def send(template, context, language, recipient):
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"customer/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"customer/email/{template}_body.txt", context)
    send_email_on_commit(subject, body, [recipient])
