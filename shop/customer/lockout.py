"""Who a failed sign-in counts against, for django-axes (settings: AXES_*).

The shop's form takes an e-mail address, the dashboard's, Wagtail's and the admin's a username or an address: each
is reduced to the account it names, so failures on every form add up for that account. A name that matches no
account counts as itself (lower case), so guessing addresses is limited the same way.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render


def typed_name(request, credentials):
    if credentials:
        name = credentials.get("username") or credentials.get("email")
    else:
        data = getattr(request, "POST", {})
        name = data.get("login-username") or data.get(settings.AXES_USERNAME_FORM_FIELD)
    return (name or "").strip()


def account_key(request, credentials=None):
    """The username of the account the sign-in names, or the typed name itself in lower case.

    Axes asks several times per sign-in; the answer is kept on the request so the account is looked up once."""
    name = typed_name(request, credentials)
    if not name:
        return None
    if not hasattr(request, "account_keys"):
        request.account_keys = {}
    known = request.account_keys
    if name not in known:
        match = Q(username=name) | Q(email__iexact=name) if "@" in name else Q(username=name)
        usernames = list(get_user_model().objects.filter(match).values_list("username", flat=True)[:2])
        known[name] = usernames[0] if len(usernames) == 1 else name.lower()
    return known[name]


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets, on every form, in the visitor's language: 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "customer/locked_out.html", {"minutes": minutes}, status=429)
