"""The public certificate lookup: anyone types a certificate's number; only verified ones (and what became of them)
are public."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.models import OcopCertificate

Status = OcopCertificate.Status

PUBLIC_STATUSES = (Status.VERIFIED, Status.EXPIRED, Status.REVOKED)
NUMBER_MAX_LENGTH = OcopCertificate._meta.get_field("certificate_number").max_length


class LookupForm(forms.Form):
    """Anyone may look a certificate up by its number; only verified ones (and what became of them) are public."""

    number = forms.CharField(
        label=_("Số giấy chứng nhận"),
        max_length=NUMBER_MAX_LENGTH,
        help_text=_("Ghi như trên giấy chứng nhận hoặc trên nhãn sản phẩm."),
        error_messages={
            "max_length": _("Số giấy chứng nhận dài tối đa %(limit_value)d ký tự; bạn đã nhập %(show_value)d ký tự.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "type": "search"}),
    )

    def certificate(self):
        """The public certificate with the typed number (the exact spelling first, then any letter case), or None."""
        number = " ".join(self.cleaned_data["number"].split())
        matches = list(
            OcopCertificate.objects.filter(certificate_number__iexact=number, status__in=PUBLIC_STATUSES)
            .select_related("storefront", "issuing_province")
            .order_by("pk")[:10]
        )
        exact = [certificate for certificate in matches if certificate.certificate_number == number]
        return (exact or matches or [None])[0]

    @property
    def typed_number(self):
        return " ".join(str(self.data.get("number", "")).split())
