from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(forms.EmailUserCreationForm):
    """Oscar's sign-up form without its "a user with that email address already exists": whether an address has an
    account is told only to its mailbox (signup.py). Oscar's form checks the password against
    AUTH_PASSWORD_VALIDATORS (similarity to the address included), the same way for a new and a known address."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
