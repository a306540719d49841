"""The date field of the member forms: typed as day/month/year (or picked in the browser's date input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_ERRORS = {"invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2024.")}


def date_field(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
