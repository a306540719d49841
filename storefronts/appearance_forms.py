"""The member's appearance form: theme, primary colour, banner and logo (see storefronts.appearance)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shop.uploads import images
from storefronts import appearance
from storefronts.theming import THEMES, check_primary_colour, normalised_colour, theme_named


class ThemeChoiceField(forms.ChoiceField):
    """One of the stall themes, by slug; cleaned to the StallTheme itself."""

    widget = forms.RadioSelect(attrs={"class": "form-check-input"})

    def __init__(self, **kwargs):
        super().__init__(choices=[(slug, theme.name) for slug, theme in THEMES.items()], **kwargs)

    def clean(self, value):
        return THEMES[super().clean(value)]


class AppearanceForm(forms.Form):
    """What the stall looks like. Pictures are checked by content; after ``is_valid()``, ``new_banner`` and
    ``new_logo`` hold this submission's checked pictures and ``held_banner_upload``/``held_logo_upload`` those kept
    from an earlier one. ``hold_uploads()`` (on a mistake, or for the preview) moves the new ones into the holding
    area so the next submission still has them."""

    theme = ThemeChoiceField(
        label=_("Giao diện"), error_messages={"required": _("Hãy chọn một giao diện cho gian hàng.")}
    )
    use_theme_color = forms.BooleanField(label=_("Dùng màu sẵn có của giao diện"), required=False)
    primary_color = forms.CharField(
        label=_("Màu chủ đạo riêng"),
        required=False,
        help_text=_(
            "Màu của nút bấm, liên kết và dải trang trí, dạng #rrggbb, ví dụ #2f6b2f. Màu quá nhạt hoặc quá đậm để chữ dễ đọc sẽ bị từ chối."
        ),
        widget=forms.TextInput(attrs={"type": "color", "autocomplete": "off", "spellcheck": "false"}),
    )
    banner = forms.FileField(
        label=_("Ảnh bìa mới"),
        required=False,
        help_text=_(
            "Ảnh JPG, PNG hoặc WebP, tối đa 10 MB, rộng ít nhất 600 và cao ít nhất 200 điểm ảnh. Ảnh được cắt lấy phần giữa theo tỉ lệ của giao diện."
        ),
        widget=forms.FileInput(attrs={"accept": images.ACCEPT}),
    )
    held_banner = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_banner = forms.BooleanField(label=_("Bỏ ảnh bìa"), required=False)
    logo = forms.FileField(
        label=_("Logo mới"),
        required=False,
        help_text=_(
            "Ảnh JPG, PNG (có thể nền trong suốt) hoặc WebP, tối đa 10 MB. Logo được giữ nguyên hình, thu nhỏ vừa ô vuông."
        ),
        widget=forms.FileInput(attrs={"accept": images.ACCEPT}),
    )
    held_logo = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_logo = forms.BooleanField(label=_("Bỏ logo"), required=False)

    def __init__(self, data=None, files=None, *, storefront, **kwargs):
        self.storefront = storefront
        if data is None:
            theme = theme_named(storefront.theme)
            kwargs.setdefault(
                "initial",
                {
                    "theme": theme.slug,
                    "use_theme_color": not storefront.primary_color,
                    "primary_color": storefront.primary_color or theme.primary,
                },
            )
        super().__init__(data, files, **kwargs)
        self.new_banner = self.new_logo = None
        self.held_banner_upload = self.held_logo_upload = None

    # --- Colour --------------------------------------------------------------------------------------------------

    def clean_primary_color(self):
        typed = self.cleaned_data.get("primary_color", "").strip()
        if not typed:
            return ""
        colour = normalised_colour(typed)
        if colour is None:
            raise ValidationError(
                _("Không đọc được màu “%(value)s”: hãy viết dạng #rrggbb, ví dụ #2f6b2f."),
                code="invalid_colour",
                params={"value": typed},
            )
        return colour

    # --- Pictures ------------------------------------------------------------------------------------------------

    def clean_banner(self):
        upload = self.cleaned_data.get("banner")
        if upload:
            self.new_banner = appearance.checked_banner(upload)
        return self.new_banner

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            self.new_logo = appearance.checked_logo(upload)
        return self.new_logo

    def clean_held_banner(self):
        self.held_banner_upload = appearance.held_picture(self.storefront, self.cleaned_data.get("held_banner"))
        return self.held_banner_upload

    def clean_held_logo(self):
        self.held_logo_upload = appearance.held_picture(self.storefront, self.cleaned_data.get("held_logo"))
        return self.held_logo_upload

    def clean(self):
        cleaned = super().clean()
        theme = cleaned.get("theme")
        if theme is None or cleaned.get("use_theme_color"):
            return cleaned
        colour = cleaned.get("primary_color")
        if colour == "":
            self.add_error("primary_color", _("Hãy chọn một màu, hoặc đánh dấu “Dùng màu sẵn có của giao diện”."))
        elif colour:
            try:
                check_primary_colour(theme, colour)
            except ValidationError as refused:
                self.add_error("primary_color", refused)
        return cleaned

    def hold_uploads(self):
        """Move this submission's checked pictures into the holding area (a new one replaces a held one)."""
        if self.new_banner is not None:
            self.held_banner_upload = appearance.hold(self.storefront, self.new_banner)
            self.new_banner = None
        if self.new_logo is not None:
            self.held_logo_upload = appearance.hold(self.storefront, self.new_logo)
            self.new_logo = None

    # --- For the service and the templates -----------------------------------------------------------------------

    def choices(self, with_pictures=True):
        """The valid form's decisions for appearance.save_appearance (``with_pictures``: the pictures' content read
        from the holding area) or appearance.previewed (which shows held pictures from where they are)."""
        data = self.cleaned_data
        choices = appearance.Choices(
            theme=data["theme"],
            primary_color="" if data.get("use_theme_color") else data["primary_color"],
            remove_banner=data.get("remove_banner", False),
            remove_logo=data.get("remove_logo", False),
        )
        if with_pictures:
            choices.banner = self.new_banner or (self.held_banner_upload and self.held_banner_upload.content())
            choices.logo = self.new_logo or (self.held_logo_upload and self.held_logo_upload.content())
            choices.held = [upload for upload in (self.held_banner_upload, self.held_logo_upload) if upload]
        return choices

    def carried_values(self):
        """(name, value) of the hidden inputs that carry a valid form's choices from the preview to "Lưu"/"Sửa tiếp";
        call after ``hold_uploads()``."""
        data = self.cleaned_data
        values = [("theme", data["theme"].slug), ("primary_color", data.get("primary_color") or "")]
        values += [(name, "on") for name in ("use_theme_color", "remove_banner", "remove_logo") if data.get(name)]
        if self.held_banner_upload:
            values.append(("held_banner", self.held_banner_upload.token))
        if self.held_logo_upload:
            values.append(("held_logo", self.held_logo_upload.token))
        return values

    def theme_options(self):
        """(radio input, its StallTheme) for the theme picker."""
        return [(radio, THEMES[radio.data["value"]]) for radio in self["theme"]]
