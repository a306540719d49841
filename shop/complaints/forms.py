"""What the buyer, the stall and union staff type about a complaint. The forms validate only: the views call the
workflow. Photos are judged by their content (shop.uploads.images) and cleaned of their metadata."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shop.complaints.models import Complaint
from shop.uploads.images import ACCEPT, normalised_image
from shop.visible_text import UserTextField

MAX_PHOTOS = 5
MAX_TEXT = 4000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.Field):
    widget = MultipleFileInput

    def to_python(self, data):
        return [upload for upload in (data or []) if upload]


def text_field(label, **kwargs):
    return UserTextField(
        label=label,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        **kwargs,
    )


class OpenComplaintForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Vấn đề gặp phải"),
        choices=Complaint.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn vấn đề bạn gặp phải.")},
    )
    wanted = forms.ChoiceField(
        label=_("Bạn mong muốn"),
        choices=Complaint.Wanted.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn cách giải quyết bạn mong muốn.")},
    )
    description = text_field(
        _("Mô tả"),
        help_text=_("Điều gì đã xảy ra? Gian hàng sẽ đọc và trả lời bạn."),
        error_messages={"required": _("Hãy mô tả vấn đề để gian hàng hiểu và trả lời.")},
    )
    photos = PhotosField(
        label=_("Ảnh chụp (tối đa 5 ảnh JPG, PNG hoặc WebP)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "class": "form-control-file"}),
    )

    def clean_photos(self):
        uploads = self.cleaned_data["photos"]
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(_("Chỉ gửi được tối đa %(count)d ảnh."), params={"count": MAX_PHOTOS})
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(normalised_image(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError([*errors, _("Những gì bạn đã nhập vẫn được giữ; hãy chọn lại ảnh.")])
        return cleaned


class MessageForm(forms.Form):
    body = text_field(_("Tin nhắn"), error_messages={"required": _("Vui lòng nhập nội dung tin nhắn.")})


class EscalateForm(forms.Form):
    reason = text_field(
        _("Vì sao bạn cần Liên minh HTX giải quyết?"),
        error_messages={"required": _("Hãy cho Liên minh HTX biết vì sao bạn chưa đồng ý.")},
    )
