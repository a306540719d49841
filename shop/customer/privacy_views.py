"""The account's "personal data" screens: what the site holds and the consent given, the data to download (JSON or
CSV, a few times an hour), and deleting the account (password asked again, POST only). The rules are in
personal_data.py and account_deletion.py; these views only ask and answer."""

from math import ceil

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop.ratelimit import RateLimit
from shop.customer import account_deletion, personal_data
from shop.customer.models import PrivacyConsent
from shop.spreadsheet_export import attachment, csv_response


class PerAccountRateLimit(RateLimit):
    """ocop.ratelimit's fixed window, counted per signed-in account rather than per address."""

    def key(self, request, now):
        return f"ratelimit:{self.scope}:user-{request.user.pk}:{int(now // self.window)}"


DOWNLOADS = PerAccountRateLimit(scope="personal-data-download", limit=5, window=60 * 60)
CSV_HEADER = [_("Mục"), _("Trường"), _("Giá trị")]


class PersonalDataView(View):
    template_name = "customer/personal_data.html"

    def get(self, request):
        return render(request, self.template_name, overview(request.user))


def overview(user, **extra):
    return {
        "page_title": _("Dữ liệu cá nhân"),
        "active_tab": "personal_data",
        "consent": PrivacyConsent.objects.filter(user=user).first(),
        "refusals": account_deletion.refusals(user),
        **extra,
    }


class PersonalDataDownloadView(View):
    def get(self, request, format):
        if format not in ("json", "csv"):
            raise Http404
        decision = DOWNLOADS.hit(request)
        if not decision.allowed:
            minutes = ceil(decision.retry_after / 60)
            response = render(
                request, PersonalDataView.template_name, overview(request.user, wait_minutes=minutes), status=429
            )
            response["Retry-After"] = str(decision.retry_after)
            return response
        data = personal_data.personal_data(request.user)
        filename = f"du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}.{format}"
        if format == "csv":
            return csv_response(filename, [str(title) for title in CSV_HEADER], personal_data.csv_rows(data))
        content_type = "application/json; charset=utf-8"
        return attachment(HttpResponse(personal_data.as_json(data), content_type=content_type), filename)


class AccountDeletionForm(forms.Form):
    password = forms.CharField(label=_("Mật khẩu hiện tại"), strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mật khẩu không đúng."))
        return password


class AccountDeleteView(View):
    """Replaces Oscar's profile deletion, which deleted the orders' buyer outright: GET asks, POST deletes."""

    template_name = "customer/account_delete.html"

    def get(self, request):
        return self.render_form(AccountDeletionForm(request.user))

    def post(self, request):
        form = AccountDeletionForm(request.user, request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            account_deletion.delete_account(request.user)
        except account_deletion.AccountNotDeleted:
            return self.render_form(AccountDeletionForm(request.user), status=409)
        logout(request)
        messages.success(request, _("Tài khoản của bạn đã được xóa. Cảm ơn bạn đã dùng Chợ HTX."))
        return redirect("home")

    def render_form(self, form, status=200):
        context = overview(self.request.user, form=form, page_title=_("Xóa tài khoản"))
        return render(self.request, self.template_name, context, status=status)
