"""The report form anyone fills in, the authority request staff record, the stall's request for review, and the
queue's filters and decisions. The forms validate only: the views call ``shop.takedowns.workflow``."""

from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.review.forms import ALL_STATUSES, Decision, QueueFilterForm
from shop.takedowns import workflow
from shop.takedowns.models import AuthorityRequest, Report, Takedown
from storefronts.models import Storefront

Product = get_model("catalogue", "Product")

Status = Takedown.Status
WAITING = "waiting"  # the queue's default: open cases and stalls' requests for review


class ReportForm(forms.ModelForm):
    """A report about a listing. ``website`` is a honeypot: people leave it empty (it is hidden), form-filling robots
    do not, and their report is thanked for and dropped."""

    website = forms.CharField(required=False, label=_("Để trống ô này"))

    class Meta:
        model = Report
        fields = ["reason", "note", "contact_email"]
        widgets = {
            "reason": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        labels = {
            "note": _("Mô tả điều bạn thấy"),
            "contact_email": _("Thư điện tử để chúng tôi hỏi thêm"),
        }
        error_messages = {
            "reason": {"required": _("Vui lòng chọn lý do báo cáo.")},
            "contact_email": {"invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ ten@example.vn.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Report.Reason.choices  # radio buttons, without the empty "---------"

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if len(note) > 2000:
            raise forms.ValidationError(_("Mô tả dài tối đa 2.000 ký tự."), code="max_length")
        return note

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Report.Reason.OTHER and not cleaned.get("note"):
            self.add_error(
                "note", forms.ValidationError(_("Với “Lý do khác”, vui lòng mô tả vi phạm."), code="required")
            )
        return cleaned

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


class AuthorityRequestForm(forms.ModelForm):
    class Meta:
        model = AuthorityRequest
        fields = ["authority", "document_number", "received_at"]
        widgets = {"received_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        help_texts = {"received_at": _("Thời điểm Liên minh HTX nhận được văn bản; 24 giờ được tính từ lúc này.")}
        error_messages = {
            "authority": {"required": _("Vui lòng ghi tên cơ quan yêu cầu.")},
            "document_number": {"required": _("Vui lòng ghi số văn bản.")},
            "received_at": {
                "required": _("Vui lòng ghi thời điểm nhận văn bản."),
                "invalid": _("Thời điểm chưa đúng, ví dụ 04/12/2026 09:30."),
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "authority")
        super().__init__(*args, **kwargs)
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise forms.ValidationError(_("Thời điểm nhận văn bản không thể ở tương lai."), code="future")
        return received_at


class AuthorityCaseForm(AuthorityRequestForm):
    """An authority's request about a listing nobody reported yet: the listing named by its page's address."""

    listing_address = forms.CharField(
        label=_("Địa chỉ trang sản phẩm hoặc gian hàng"),
        max_length=500,
        help_text=_("Dán địa chỉ trang trên Chợ HTX, ví dụ https://chohtx.vn/vi/stalls/ten-gian-hang/."),
        error_messages={"required": _("Vui lòng dán địa chỉ trang sản phẩm hoặc gian hàng.")},
    )

    field_order = ["listing_address", "authority", "document_number", "received_at"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "case")
        super().__init__(*args, **kwargs)

    def clean_listing_address(self):
        listing = listing_at(self.cleaned_data["listing_address"])
        if listing is None:
            raise forms.ValidationError(
                _("Không nhận ra địa chỉ này: hãy dán địa chỉ trang một sản phẩm hoặc một gian hàng trên Chợ HTX."),
                code="unknown_listing",
            )
        return listing

    def listing(self):
        """{"product": ...} or {"storefront": ...}, for ``workflow.open_case_for_authority``."""
        return self.cleaned_data["listing_address"]

    def authority_request(self):
        return {name: self.cleaned_data[name] for name in ("authority", "document_number", "received_at")}


def listing_at(address):
    """The product or stall whose page ``address`` is (in any of the site's languages), or None."""
    path = urlsplit(address.strip()).path or "/"
    language = get_language_from_path(path)
    if language is None:
        return None
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "catalogue:detail":
        product = Product.objects.filter(pk=match.kwargs.get("pk")).select_related("parent", "storefront").first()
        if product is not None and product.is_child:
            product = product.parent
        return {"product": product} if product is not None and product.storefront_id else None
    if match.view_name == "storefronts:detail":
        storefront = Storefront.objects.filter(slug=match.kwargs.get("slug")).first()
        return {"storefront": storefront} if storefront is not None else None
    return None


class ReviewRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Gian hàng đã sửa những gì"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": _("Vui lòng ghi rõ gian hàng đã sửa những gì để cán bộ xem xét lại."),
            "max_length": _("Nội dung dài tối đa 2.000 ký tự."),
        },
    )


class TakedownQueueFilterForm(QueueFilterForm):
    DEFAULTS = {"status": WAITING}

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[(WAITING, _("Cần xử lý")), (ALL_STATUSES, _("Tất cả trạng thái")), *Status.choices],
        required=False,
        error_messages={"invalid_choice": _("Không có trạng thái “%(value)s”; danh sách đang hiện hồ sơ cần xử lý.")},
    )

    def filter(self, subjects):
        if self.applied_status == WAITING:
            return subjects.filter(status__in=Takedown.WAITING)
        return super().filter(subjects)


DECISIONS = {
    decision.slug: decision
    for decision in (
        Decision(
            "take-down",
            workflow.TAKE_DOWN,
            workflow.take_down,
            _("Gỡ xuống ngay"),
            _("Đã gỡ “%(name)s” khỏi chợ. Gian hàng sẽ nhận thư báo kèm lý do."),
            "btn-danger",
        ),
        Decision(
            "dismiss",
            workflow.DISMISS,
            workflow.dismiss_report,
            _("Không vi phạm, đóng hồ sơ"),
            _("Đã đóng hồ sơ “%(name)s”: không vi phạm."),
            "btn-secondary",
        ),
        Decision(
            "restore",
            workflow.RESTORE,
            workflow.restore,
            _("Khôi phục"),
            _("Đã khôi phục “%(name)s” trên chợ. Gian hàng sẽ nhận thư báo."),
            "btn-success",
        ),
        Decision(
            "keep-down",
            workflow.KEEP_DOWN,
            workflow.keep_down,
            _("Giữ nguyên việc gỡ"),
            _("Đã giữ nguyên việc gỡ “%(name)s”. Gian hàng sẽ nhận thư báo kèm lý do."),
            "btn-warning",
        ),
    )
}
