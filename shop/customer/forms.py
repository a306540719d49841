from django import forms as django_forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email

from themes.legal import legal_url


class EmailUserCreationForm(forms.EmailUserCreationForm):
    """Oscar's sign-up form without its "a user with that email address already exists": whether an address has an
    account is told only to its mailbox (signup.py). Oscar's form checks the password against
    AUTH_PASSWORD_VALIDATORS (similarity to the address included), the same way for a new and a known address.

    The box agreeing to the privacy policy must be ticked (Law 91/2025/QH15: consent before personal data is
    processed); signup.py records which version was agreed to and when."""

    accept_privacy = django_forms.BooleanField(
        required=True,
        error_messages={"required": _("Hãy đồng ý với Chính sách bảo vệ dữ liệu cá nhân để đăng ký.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        policy = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            legal_url("privacy"),
            gettext("Chính sách bảo vệ dữ liệu cá nhân"),
        )
        self.fields["accept_privacy"].label = format_html(gettext("Tôi đã đọc và đồng ý với {policy}."), policy=policy)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
