"""Importing a stall's products from a spreadsheet, under /<lang>/my-stall/products/import/: the upload form, the two
templates (Excel and CSV) and the status page of one import.

Access is that of the member's product pages (``stall_access = "prepare"``): signed in, member of an approved stall or of one in
review (imported products are drafts). An import id is looked up among the member's own stall's imports only (404
otherwise). The rules live in catalog/spreadsheet_import/.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from catalog import spreadsheet_import
from catalog.imports import ProductImport
from catalog.seller_forms import grouped
from catalog.tasks import run_product_import
from storefronts.access import StallMemberRequiredMixin

RECENT_IMPORTS = 10
MAX_ERRORS_SHOWN = 1000
TEMPLATES = {
    "xlsx": (
        spreadsheet_import.template_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": (spreadsheet_import.template_csv, "text/csv; charset=utf-8"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp bảng tính"),
        help_text=_("Tệp Excel (.xlsx) hoặc CSV UTF-8 (.csv), tối đa 5 MB và 2.000 dòng sản phẩm."),
        error_messages={
            "required": _("Hãy chọn tệp bảng tính để tải lên."),
            "empty": _("Tệp bạn chọn không có nội dung."),
        },
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class StallImportMixin(StallMemberRequiredMixin):
    stall_access = "prepare"


class ImportView(StallImportMixin, View):
    template_name = "catalogue/import/form.html"

    def get(self, request):
        return self.render_form(ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                product_import = spreadsheet_import.start_import(
                    self.storefront, request.user, form.cleaned_data["file"]
                )
            except ValidationError as refused:
                form.add_error("file", refused)
            else:
                transaction.on_commit(lambda: run_product_import.delay(product_import.pk))
                return redirect("catalog-seller:import-status", pk=product_import.pk)
        return self.render_form(form, status=400)

    def render_form(self, form, status=200):
        context = {
            "form": form,
            "storefront": self.storefront,
            "columns": spreadsheet_import.COLUMNS,
            "max_rows": grouped(spreadsheet_import.MAX_ROWS),
            "imports": ProductImport.objects.filter(storefront=self.storefront)[:RECENT_IMPORTS],
        }
        return render(self.request, self.template_name, context, status=status)


class ImportTemplateView(StallImportMixin, View):
    """The template to fill in, as ``template.xlsx`` or ``template.csv``."""

    def get(self, request, fmt):
        if fmt not in TEMPLATES:
            raise Http404
        build, content_type = TEMPLATES[fmt]
        response = HttpResponse(build(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-san-pham.{fmt}"'
        return response


class ImportStatusView(StallImportMixin, View):
    """How one import is going; refreshes itself every 2 seconds until it is finished."""

    def get(self, request, pk):
        product_import = get_object_or_404(ProductImport.objects.filter(storefront=self.storefront), pk=pk)
        errors = product_import.errors or []
        context = {
            "product_import": product_import,
            "storefront": self.storefront,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "hidden_errors": max(len(errors) - MAX_ERRORS_SHOWN, 0),
        }
        return render(request, "catalogue/import/status.html", context)
