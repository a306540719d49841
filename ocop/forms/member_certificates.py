"""A member's declaration of an OCOP certificate for some of their stall's products.

The rules of a certificate (stars against score, who issues which stars, dates) live in ``OcopCertificate.clean()``;
the declaration form reaches them through the ModelForm's ``full_clean``, so the member reads the model's messages.
"""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from ocop.forms.dates import date_field
from ocop.models import OcopCertificate, scan_path
from storefronts.application import check_document
from storefronts.models import Province

Product = get_model("catalogue", "Product")

# A scan that passed its checks while another field did not is kept for this long (see CertificateForm.keep_scan).
KEPT_SCAN_SALT = "ocop.kept-certificate-scan"
KEPT_SCAN_MAX_AGE = 24 * 60 * 60


def scan_storage():
    return OcopCertificate._meta.get_field("scan").storage


def certifiable_products(storefront):
    """The stall's own products a certificate may name (variants share their parent's certificate)."""
    return Product.objects.filter(storefront=storefront).exclude(structure=Product.CHILD).order_by("title", "pk")


class ProductChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product):
        return product.get_title()


class CertificateForm(forms.ModelForm):
    """A member declares a certificate for some of their stall's products; it waits for union staff to verify it.

    The scan is checked by its content. When the scan is good but another field is not, ``keep_scan`` stores it and
    the form carries a signed reference to it, so the member does not have to choose the file again. The form only
    validates: the view hands ``declared_certificate()`` to ``ocop.workflow.submit_certificate``.
    """

    products = ProductChoiceField(
        label=_("Sản phẩm được chứng nhận"),
        queryset=Product.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Chọn các sản phẩm của gian hàng có tên trên giấy chứng nhận."),
        error_messages={
            "required": _("Chọn ít nhất một sản phẩm được chứng nhận."),
            "invalid_choice": _("Sản phẩm “%(value)s” không thuộc gian hàng của bạn."),
            "invalid_pk_value": _("Sản phẩm “%(pk)s” không thuộc gian hàng của bạn."),
        },
    )
    stars = forms.TypedChoiceField(
        label=_("Số sao"),
        coerce=int,
        choices=[("", _("— Chọn số sao —")), *OcopCertificate.Stars.choices],
    )
    score = forms.IntegerField(
        label=_("Điểm"),
        min_value=0,
        max_value=100,
        help_text=_("Điểm đánh giá trên thang 100: 3 sao từ 50 đến 69, 4 sao từ 70 đến 89, 5 sao từ 90 đến 100."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    issuing_level = forms.ChoiceField(
        label=_("Cấp công nhận"),
        choices=OcopCertificate.Level.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=_("Sản phẩm 3 và 4 sao do Ủy ban nhân dân cấp tỉnh công nhận, 5 sao do Trung ương công nhận."),
    )
    issuing_province = forms.ModelChoiceField(
        label=_("Tỉnh / thành phố công nhận"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("— Không ghi (giấy chứng nhận cấp Trung ương) —"),
    )
    decision_date = date_field(_("Ngày quyết định"))
    issue_date = date_field(_("Ngày cấp"))
    expiry_date = date_field(
        _("Ngày hết hạn"),
        required=False,
        help_text=_("Để trống: 36 tháng kể từ ngày cấp, như quy định của Chương trình OCOP."),
    )
    scan = forms.FileField(
        label=_("Bản quét giấy chứng nhận"),
        error_messages={"required": _("Vui lòng tải lên bản quét giấy chứng nhận.")},
        help_text=_("Bản quét PDF hoặc ảnh chụp JPG, PNG rõ nét, tối đa 10 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    kept_scan = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = OcopCertificate
        fields = [
            "products",
            "stars",
            "score",
            "certificate_number",
            "decision_number",
            "decision_date",
            "issuing_level",
            "issuing_province",
            "issue_date",
            "expiry_date",
        ]
        help_texts = {
            "certificate_number": _("Ghi đúng như trên giấy chứng nhận."),
            "decision_number": _("Số quyết định công nhận, ví dụ 1234/QĐ-UBND."),
        }
        widgets = {
            "certificate_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "decision_number": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, data=None, files=None, *, storefront, user, **kwargs):
        super().__init__(data, files, **kwargs)
        self.storefront, self.user = storefront, user
        self.instance.storefront = storefront
        self.instance.submitted_by = user
        self.fields["products"].queryset = certifiable_products(storefront)
        self.scan_kind = None  # (content type, extension) of a good new upload
        self.kept = self.read_kept_scan()  # {"name", "filename"} of a scan kept from an earlier attempt, or None
        self.fields["scan"].required = self.kept is None

    # --- The scan -------------------------------------------------------------------------------------------------

    def read_kept_scan(self):
        token = self.data.get("kept_scan") if self.is_bound else None
        if not token:
            return None
        try:
            kept = signing.loads(token, salt=KEPT_SCAN_SALT, max_age=KEPT_SCAN_MAX_AGE)
        except signing.BadSignature:
            return None
        if kept.get("user") != self.user.pk or kept.get("stall") != self.storefront.pk:
            return None
        if not scan_storage().exists(kept.get("name", "")):
            return None
        return kept

    def clean_scan(self):
        upload = self.cleaned_data.get("scan")
        if upload:
            self.scan_kind = check_document(upload)
        return upload

    def keep_scan(self):
        """After a failed validation: store a good new scan and remember it in the form, so it is not lost."""
        upload = self.cleaned_data.get("scan") if hasattr(self, "cleaned_data") else None
        if not upload or self.scan_kind is None or "scan" in self.errors:
            return
        name = scan_storage().save(scan_path(None, f"scan{self.scan_kind[1]}"), upload)
        self.kept = {"name": name, "filename": upload.name[:120], "user": self.user.pk, "stall": self.storefront.pk}
        self.data = self.data.copy()
        self.data["kept_scan"] = signing.dumps(self.kept, salt=KEPT_SCAN_SALT)
        self.fields["scan"].required = False

    @property
    def kept_filename(self):
        return self.kept["filename"] if self.kept else ""

    # --- The declaration ------------------------------------------------------------------------------------------

    def clean_certificate_number(self):
        return " ".join(self.cleaned_data["certificate_number"].split())

    def clean_decision_number(self):
        return " ".join(self.cleaned_data["decision_number"].split())

    def declared_certificate(self):
        """The certificate as declared, with its scan attached, not saved: ``ocop.workflow.submit_certificate``
        records it."""
        certificate = self.instance
        upload = self.cleaned_data.get("scan")
        if upload:
            upload.name = f"scan{self.scan_kind[1]}"
            certificate.scan = upload
        else:
            certificate.scan.name = self.kept["name"]
        return certificate
