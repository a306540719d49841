"""Strings of Oscar and Wagtail that appear on our pages but are missing from their own Vietnamese catalogues.

Listing them here puts them in our catalogue (translations/locale), which Django consults before the vendors' ones.
"""

from django.utils.translation import gettext_noop

WAGTAIL_ADMIN_LOGIN = [
    gettext_noop("Sign in"),
    gettext_noop("Sign in to Wagtail"),
    gettext_noop("Password"),
    gettext_noop("Forgotten password?"),
    gettext_noop("Remember me"),
    gettext_noop("Skip to main content"),
]

OSCAR_PAGES = [
    gettext_noop("Toggle navigation"),
    gettext_noop("Total: %(total)s"),
    gettext_noop("UPC"),
    gettext_noop("Offers, vouchers"),
]
