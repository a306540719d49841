"""Forms of a member's stall application (one per step of the guided form) and of invitations.

The steps come in a fixed order. A step is complete when its form, filled with what is stored, is valid: the same
rules decide whether a typed value is accepted and whether the application may be sent.
"""

import copy
from dataclasses import dataclass

from django import forms
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.visible_text import NameField, UserTextField
from storefronts import application
from storefronts.models import Cooperative, Province, Storefront

SLUG_CHARACTERS = _(
    "Đường dẫn dài từ 3 ký tự, chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang, không bắt đầu hay kết thúc bằng dấu gạch ngang, ví dụ “%(example)s”."
)


class CooperativeForm(forms.ModelForm):
    """Step 1: the cooperative as registered with the state."""

    province = forms.ModelChoiceField(
        label=_("Tỉnh / thành phố"), queryset=Province.objects.all(), empty_label=_("— Chọn tỉnh / thành phố —")
    )

    class Meta:
        model = Cooperative
        fields = [
            "name",
            "short_name",
            "registration_number",
            "kind",
            "province",
            "year_founded",
            "member_count",
            "description_vi",
        ]
        labels = {"description_vi": _("Giới thiệu hợp tác xã")}
        field_classes = {"name": NameField, "short_name": NameField, "description_vi": UserTextField}
        help_texts = {
            "name": _("Ghi đúng như trên giấy chứng nhận đăng ký, ví dụ “Hợp tác xã Nông nghiệp Xuân Hương”."),
            "registration_number": _("Ví dụ: 0101234567 hoặc 0101234567-001."),
            "description_vi": _("Hợp tác xã làm gì, ở đâu, có bao nhiêu hộ thành viên… (bằng tiếng Việt)."),
        }
        widgets = {
            "registration_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "year_founded": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "member_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "description_vi": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_registration_number(self):
        return self.cleaned_data["registration_number"].strip()

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm thành lập không thể ở tương lai."))
        return year


class ContactForm(forms.ModelForm):
    """Step 2: where the cooperative is and how buyers and staff reach it."""

    website = forms.URLField(
        label=_("Trang web"),
        required=False,
        assume_scheme="https",
        help_text=_("Nếu có, ví dụ https://htx-xuanhuong.vn"),
    )

    class Meta:
        model = Cooperative
        fields = ["commune", "street_address", "phone", "email", "website"]
        field_classes = {"commune": UserTextField, "street_address": UserTextField}
        help_texts = {
            "commune": _("Theo địa giới hành chính mới, ví dụ “Phường Xuân Hương – Đà Lạt”."),
            "phone": _("Ví dụ: 0912 345 678 hoặc 024 3825 1234."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


class StallForm(forms.ModelForm):
    """Step 3: the stall as shoppers will see it. An empty address is made from the stall's name."""

    name_vi = NameField(label=_("Tên gian hàng"), max_length=120)
    slug = forms.CharField(
        label=_("Đường dẫn"),
        max_length=80,
        required=False,
        help_text=_(
            "Phần cuối địa chỉ trang gian hàng, ví dụ …/stalls/mat-ong-u-minh/. Để trống để tạo từ tên gian hàng."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}),
    )

    TRANSLATIONS = (("en", "English"), ("zh_hans", "简体中文"))
    TRANSLATED = ("name", "tagline", "about")

    class Meta:
        model = Storefront
        fields = [
            "name_vi",
            "slug",
            "tagline_vi",
            "about_vi",
            *(f"{field}_{language}" for language in ("en", "zh_hans") for field in ("name", "tagline", "about")),
        ]
        field_classes = {
            **{f"name_{language}": NameField for language in ("en", "zh_hans")},
            **{
                f"{field}_{language}": UserTextField
                for language in ("vi", "en", "zh_hans")
                for field in ("tagline", "about")
            },
        }
        labels = {
            "tagline_vi": _("Khẩu hiệu"),
            "about_vi": _("Giới thiệu gian hàng"),
            **{f"name_{language}": _("Tên gian hàng") for language in ("en", "zh_hans")},
            **{f"tagline_{language}": _("Khẩu hiệu") for language in ("en", "zh_hans")},
            **{f"about_{language}": _("Giới thiệu gian hàng") for language in ("en", "zh_hans")},
        }
        help_texts = {
            "tagline_vi": _("Một câu ngắn, ví dụ “Mật ong rừng tràm nguyên chất”."),
            "about_vi": _("Sản phẩm chính, cách làm, vùng nguyên liệu… (bằng tiếng Việt)."),
        }
        widgets = {
            "about_vi": forms.Textarea(attrs={"rows": 6}),
            "about_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
            "about_zh_hans": forms.Textarea(attrs={"rows": 4, "lang": "zh-hans"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "tagline_en": forms.TextInput(attrs={"lang": "en"}),
            "name_zh_hans": forms.TextInput(attrs={"lang": "zh-hans"}),
            "tagline_zh_hans": forms.TextInput(attrs={"lang": "zh-hans"}),
        }

    def source_fields(self):
        """The Vietnamese fields, written first; translations come in their own tab per language."""
        return [self[name] for name in ("name_vi", "slug", "tagline_vi", "about_vi")]

    def translation_groups(self):
        """(language, its name, its fields, whether the tab starts open: it has text or an error)."""
        groups = []
        for language, title in self.TRANSLATIONS:
            fields = [self[f"{field}_{language}"] for field in self.TRANSLATED]
            is_open = any(field.errors or field.value() for field in fields)
            groups.append((language.replace("_", "-"), title, fields, is_open))
        return groups

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and application.is_placeholder_slug(self.instance.slug or ""):
            self.initial["slug"] = application.suggest_slug(self.instance.name_vi, self.instance)

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not slug:
            return slug  # made from the name in clean()
        if not application.SLUG.fullmatch(slug) or len(slug) < 3:
            raise forms.ValidationError(SLUG_CHARACTERS % {"example": application.slug_from(slug) or "mat-ong-u-minh"})
        if application.slug_is_taken(slug, self.instance):
            raise forms.ValidationError(
                _("Đường dẫn “%(slug)s” đã có gian hàng khác dùng. Hãy chọn đường dẫn khác, ví dụ “%(suggestion)s”.")
                % {"slug": slug, "suggestion": application.suggest_slug(slug, self.instance)}
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        if "slug" in cleaned and not cleaned["slug"] and cleaned.get("name_vi"):
            cleaned["slug"] = application.suggest_slug(cleaned["name_vi"], self.instance)
        return cleaned


class DocumentsForm(forms.Form):
    """Step 4: the registration certificate. A stored certificate stays until a valid new file replaces it."""

    registration_certificate = forms.FileField(
        label=_("Giấy chứng nhận đăng ký hợp tác xã"),
        help_text=_("Bản quét PDF hoặc ảnh chụp JPG, PNG rõ nét, tối đa 10 MB."),
        error_messages={"required": _("Vui lòng tải lên giấy chứng nhận đăng ký hợp tác xã.")},
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, data=None, files=None, *, instance, **kwargs):
        self.instance = instance
        self.uploaded_at = application.certificate_uploaded_at(instance)
        super().__init__(data, files, **kwargs)
        field = self.fields["registration_certificate"]
        field.required = self.uploaded_at is None
        if self.uploaded_at is not None:
            field.label = _("Thay giấy chứng nhận đăng ký hợp tác xã")
            field.help_text = _(
                "Chỉ chọn tệp nếu muốn thay bản đã tải lên. Bản quét PDF hoặc ảnh chụp JPG, PNG rõ nét, tối đa 10 MB."
            )
        self.kind = None

    def clean_registration_certificate(self):
        upload = self.cleaned_data.get("registration_certificate")
        if upload:
            self.kind = application.check_document(upload)
        return upload

    def save(self):
        upload = self.cleaned_data.get("registration_certificate")
        if upload:
            application.store_certificate(self.instance, upload, extension=self.kind[1])
        return self.instance


@dataclass(frozen=True)
class Step:
    """One step of the guided form: its slug in the URL, its title and the form that edits it."""

    slug: str
    title: str
    form_class: type
    edits: str  # "cooperative" or "storefront"

    def instance(self, storefront, cooperative=None):
        if storefront is not None:
            return storefront if self.edits == "storefront" else storefront.cooperative
        return cooperative

    def form(self, storefront, data=None, files=None, cooperative=None):
        instance = self.instance(storefront, cooperative)
        if self.form_class is DocumentsForm:
            return DocumentsForm(data, files, instance=instance)
        return self.form_class(data, files, instance=instance)

    def is_complete(self, storefront):
        """Whether what is stored for this step passes the step's form (the instance itself is left untouched)."""
        if storefront is None:
            return False
        instance = copy.copy(self.instance(storefront))
        if self.form_class is DocumentsForm:
            return application.has_certificate(instance)
        data = {
            name: value
            for name, value in model_to_dict(instance, self.form_class._meta.fields).items()
            if value is not None
        }
        return self.form_class(data, instance=instance).is_valid()


STEPS = (
    Step("cooperative", _("Thông tin hợp tác xã"), CooperativeForm, "cooperative"),
    Step("contact", _("Địa chỉ và liên hệ"), ContactForm, "cooperative"),
    Step("stall", _("Gian hàng"), StallForm, "storefront"),
    Step("documents", _("Giấy tờ"), DocumentsForm, "cooperative"),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def next_step(step):
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def checklist(storefront):
    """[(step, complete)] in order."""
    return [(step, step.is_complete(storefront)) for step in STEPS]


def first_incomplete_step(storefront):
    return next((step for step, complete in checklist(storefront) if not complete), None)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Thư điện tử của người được mời"),
        help_text=_("Người được mời sẽ nhận thư có đường dẫn để tham gia quản lý gian hàng."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
