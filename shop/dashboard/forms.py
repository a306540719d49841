"""The overview's date range: from and to a day (both included), the last twelve months by default."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_MONTHS = 60
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)  # keeps every range inside what dates can count
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def default_range(today=None):
    """The twelve months that end with the current one: the first day of the month eleven months ago to today."""
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
    return date(year, month + 1, 1), today


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control mr-2 mb-2"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("“Từ ngày” không phải một ngày hợp lệ (ví dụ 2026-01-31).")},
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control mr-2 mb-2"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("“Đến ngày” không phải một ngày hợp lệ (ví dụ 2026-12-31).")},
    )

    def __init__(self, data=None, today=None, **kwargs):
        self.today = today or timezone.localdate()
        self.default_start, self.default_end = default_range(self.today)
        super().__init__(data, initial={"start": self.default_start, "end": self.default_end}, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start = cleaned.get("start") or self.default_start
        end = cleaned.get("end") or self.default_end
        if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
            raise forms.ValidationError(
                _("Hãy chọn ngày từ năm %(first)s đến năm %(last)s.") % {"first": 2000, "last": 2099}, code="far"
            )
        if start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."), code="reversed")
        if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
            raise forms.ValidationError(
                _("Khoảng thời gian dài nhất là %(months)s tháng.") % {"months": MAX_MONTHS}, code="too_long"
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def date_range(self):
        """The range asked for, or the default one when the form is invalid (the page then says why)."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default_start, self.default_end

    @property
    def refused(self):
        return self.is_bound and not self.is_valid()
