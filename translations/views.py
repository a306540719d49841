"""Translation work of a stall: coverage for its members, PO export/import for translators, a report for staff."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from oscar.core.loading import get_model

from storefronts.access import StallMemberRequiredMixin
from translations import content

LANGUAGE_CHOICES = [("en", "English"), ("zh-hans", "简体中文")]
MAX_PO_SIZE = 2 * 1024 * 1024


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Ngôn ngữ"), choices=LANGUAGE_CHOICES)
    only_missing = forms.BooleanField(label=_("Chỉ các mục chưa dịch"), required=False, initial=True)


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Ngôn ngữ"), choices=LANGUAGE_CHOICES)
    file = forms.FileField(label=_("Tệp PO đã dịch"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PO_SIZE:
            raise forms.ValidationError(_("Tệp lớn hơn 2 MB, không phải tệp dịch của một gian hàng."))
        return upload


class StallTranslationsMixin(StallMemberRequiredMixin):
    """Members of a cooperative that has a stall, whatever its status (texts are translated before approval too)."""

    stall_access = "any"

    def render_page(self, export_form=None, import_form=None, status=200):
        Product = get_model("catalogue", "Product")
        products = Product.objects.filter(storefront=self.storefront, parent=None).order_by("pk")
        context = {
            "storefront": self.storefront,
            "coverage": content.coverage(content.stall_texts(self.storefront)),
            "products": [(product, content.product_coverage(product)) for product in products],
            "export_form": export_form or ExportForm(),
            "import_form": import_form or ImportForm(),
        }
        return render(self.request, "translations/stall.html", context, status=status)


class StallTranslationsView(StallTranslationsMixin, View):
    def get(self, request):
        return self.render_page()


class ExportView(StallTranslationsMixin, View):
    def get(self, request):
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.render_page(export_form=form, status=400)
        language = form.cleaned_data["language"]
        data = content.export_po(self.storefront, language, only_missing=form.cleaned_data["only_missing"])
        response = HttpResponse(data, content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.storefront.slug}-{language}.po"'
        return response


class ImportView(StallTranslationsMixin, View):
    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(import_form=form, status=400)
        try:
            changed = content.import_po(
                self.storefront, form.cleaned_data["language"], form.cleaned_data["file"].read()
            )
        except content.ImportRefused as refused:
            for message in refused.messages:
                form.add_error("file", message)
            return self.render_page(import_form=form, status=400)
        messages.success(request, _("Đã cập nhật %(count)s bản dịch.") % {"count": changed})
        return redirect("translations:stall")


class CoverageReportView(PermissionRequiredMixin, View):
    permission_required = "storefronts.review_storefront"
    login_url = reverse_lazy("dashboard:login")

    def get(self, request):
        return render(request, "translations/report.html", {"rows": content.stall_report()})
