"""Stall themes: how a stall's page and its products' pages look, and the colour rules that keep them readable.

A theme is a set of CSS custom properties (colours, the decorative band, the banner's shape) and, optionally, its own
template for the stall page's header. The page gets the shared stylesheet ``themes/stall/stall.css`` (rules written
only in terms of the properties, cached once for every stall) and a few hundred bytes of ``<style>`` with the
stall's own values, so no theme costs a request of its own or any script.

A stall chooses a theme and may replace the theme's primary colour with its own. The primary colour carries text in
two ways, and both must reach WCAG 2.1 AA (4.5:1) for normal text:

- the theme puts text on it (buttons, the name plate): white, or near-black for a theme with light primaries;
- in themes whose links take the primary colour, it is text on the page background, on the theme's light panels and
  on white cards.

Values reach the ``<style>`` element only as ``#rrggbb`` colours or the themes' own constants, each checked against
a short list of harmless characters, so nothing a member types can close the rule or the element.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from shop.uploads.thumbnails import thumbnail_url

AA_NORMAL_TEXT = 4.5
HEX_COLOUR = re.compile(r"#[0-9a-f]{6}")
TYPED_COLOUR = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
# What a CSS value written into <style> may contain: no quote, semicolon, brace, angle bracket, backslash or colon.
SAFE_CSS_VALUE = re.compile(r"[#\w\s(),./%-]+")
WHITE = "#ffffff"
STYLESHEET = "themes/stall/stall.css"
# Banners made by the appearance screen: cropped to the theme's shape, at most BANNER_WIDTH wide, in WebP, each with
# a copy BANNER_SMALL_WIDTH wide for phones at shop.uploads.thumbnails' path (thumbs/<width>/<banner path>.webp).
BANNER_FOLDER = "storefronts/banners/themed/"
BANNER_WIDTH = 1200
BANNER_SMALL_WIDTH = 640


@dataclass(frozen=True)
class StallTheme:
    slug: str
    name: str
    description: str
    primary: str  # the theme's own primary colour, used until the stall picks another
    on_primary: str  # the text the theme puts on the primary colour
    on_primary_name: str  # that text's colour in words, for messages ("chữ trắng")
    background: str
    surface: str  # light panels (Bootstrap's .bg-light) on the themed pages
    text: str
    muted: str
    link: str | None  # None: links take the primary colour
    band: str  # CSS background of the decorative band
    banner_ratio: tuple[int, int]
    header_template: str = "storefronts/themes/header.html"

    def __str__(self):
        return str(self.name)

    @property
    def primary_is_text(self):
        return self.link is None

    @property
    def banner_ratio_label(self):
        return f"{self.banner_ratio[0]}:{self.banner_ratio[1]}"

    def text_backgrounds(self):
        """The surfaces on which the primary colour shows as text (links), when it does."""
        return (self.background, self.surface, WHITE) if self.primary_is_text else ()

    def css_variables(self, primary):
        """[(custom property, value)] of this theme with ``primary`` as its primary colour."""
        return [
            ("--stall-primary", primary),
            ("--stall-on-primary", self.on_primary),
            ("--stall-bg", self.background),
            ("--stall-surface", self.surface),
            ("--stall-text", self.text),
            ("--stall-muted", self.muted),
            ("--stall-link", self.link or primary),
            ("--stall-band", self.band),
            ("--stall-banner-ratio", f"{self.banner_ratio[0]} / {self.banner_ratio[1]}"),
        ]


THEMES = {
    theme.slug: theme
    for theme in (
        StallTheme(
            slug="rice-field",
            name=_("Đồng lúa"),
            description=_("Xanh lá mạ trên nền sáng, dải ruộng bậc thang dưới ảnh bìa. Ảnh bìa tỉ lệ 3:1."),
            primary="#2f6b2f",
            on_primary=WHITE,
            on_primary_name=_("chữ trắng"),
            background="#fbfdf7",
            surface="#f3f8ec",
            text="#1f2a1c",
            muted="#566150",
            link=None,
            band="repeating-linear-gradient(160deg, var(--stall-primary) 0 7px, #a8c66c 7px 14px, #dbe8b5 14px 21px)",
            banner_ratio=(3, 1),
        ),
        StallTheme(
            slug="brocade",
            name=_("Thổ cẩm"),
            description=_(
                "Đỏ thổ cẩm trên nền ngà, tên gian hàng trên tấm biển dệt hoa văn. Ảnh bìa tỉ lệ 4:1, rộng và thấp."
            ),
            primary="#9b1c31",
            on_primary=WHITE,
            on_primary_name=_("chữ trắng"),
            background="#fffbf5",
            surface="#fbf3e6",
            text="#2a1b12",
            muted="#6a5748",
            link=None,
            band=(
                "repeating-linear-gradient(45deg, var(--stall-primary) 0 6px, #e0a526 6px 12px, #1f3a6b 12px 18px,"
                " #e0a526 18px 24px)"
            ),
            banner_ratio=(4, 1),
            header_template="storefronts/themes/brocade_header.html",
        ),
        StallTheme(
            slug="coastal",
            name=_("Miền biển"),
            description=_(
                "Xanh nước biển nhạt với chữ sẫm, tên gian hàng phía trên ảnh bìa, đường sóng phía dưới. Ảnh bìa tỉ lệ 5:2."
            ),
            primary="#7cc6d6",
            on_primary="#10232b",
            on_primary_name=_("chữ đen"),
            background="#f8fcfd",
            surface="#edf6f8",
            text="#13262e",
            muted="#4c636d",
            link="#0b5566",
            band="radial-gradient(circle at 50% 0, transparent 6px, var(--stall-primary) 7px) 0 0 / 16px 10px repeat-x",
            banner_ratio=(5, 2),
            header_template="storefronts/themes/coastal_header.html",
        ),
    )
}
DEFAULT_THEME = THEMES["rice-field"]


def theme_named(slug):
    """The theme called ``slug``; the default one for a stall that never chose (or chose a theme since retired)."""
    return THEMES.get(slug or "", DEFAULT_THEME)


# --- Colours ----------------------------------------------------------------------------------------------------------


def normalised_colour(typed):
    """ "#2E6B30", "2e6b30" or "#2a3" → "#2e6b30" / "#22aa33"; None when it is not a colour in that form."""
    match = TYPED_COLOUR.fullmatch((typed or "").strip())
    if match is None:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def validate_hex_colour(value):
    if not HEX_COLOUR.fullmatch(value or ""):
        raise ValidationError(
            _("Màu phải viết dạng #rrggbb, ví dụ #2f6b2f."), code="invalid_colour", params={"value": value}
        )


def relative_luminance(colour):
    """WCAG 2.1's relative luminance of an sRGB ``#rrggbb`` colour, from 0 (black) to 1 (white)."""

    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first, second):
    """WCAG 2.1's contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio):
    """A ratio as people read it, cut (never rounded up) to two decimals: 4.4999 is "4,49", never "4,50"."""
    return number_format(Decimal(ratio).quantize(Decimal("0.01"), rounding=ROUND_FLOOR), 2)


def check_primary_colour(theme, colour):
    """Refuse (ValidationError) a primary colour that the theme's text would not stand out on, or that would not stand
    out as link text on the page, by WCAG 2.1 AA. The message names the failing pairing (the text on the colour
    first, as members see it on buttons) with its ratio, and which way to move the colour."""
    params = {"colour": colour, "minimum": number_format(Decimal("4.5"), 1), "text": theme.on_primary_name}
    on_colour = contrast_ratio(colour, theme.on_primary)
    if on_colour < AA_NORMAL_TEXT:
        dark_text = relative_luminance(theme.on_primary) < 0.5
        message = _(
            "Màu %(colour)s chưa đủ tương phản: %(text)s trên nền màu này chỉ đạt %(ratio)s:1, cần ít nhất %(minimum)s:1 (chuẩn WCAG AA) để dễ đọc."
        ) % {**params, "ratio": shown_ratio(on_colour)}
        hint = _("Hãy chọn màu sáng hơn.") if dark_text else _("Hãy chọn màu đậm hơn.")
        raise ValidationError(f"{message} {hint}", code="low_contrast")
    as_text = min((contrast_ratio(colour, surface) for surface in theme.text_backgrounds()), default=21)
    if as_text < AA_NORMAL_TEXT:
        message = _(
            "Màu %(colour)s chưa đủ tương phản: liên kết màu này trên nền trang chỉ đạt %(ratio)s:1, cần ít nhất %(minimum)s:1 (chuẩn WCAG AA) để dễ đọc."
        ) % {**params, "ratio": shown_ratio(as_text)}
        raise ValidationError(f"{message} {_('Hãy chọn màu đậm hơn.')}", code="low_contrast")


# --- What a page shows ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Appearance:
    """A stall's look as one page shows it: saved (``appearance_of``) or chosen but not yet saved (a preview)."""

    theme: StallTheme
    primary: str
    banner_url: str = ""
    banner_small_url: str = ""  # a lighter copy for narrow screens
    logo_url: str = ""

    @property
    def banner_size(self):
        """Width and height for the banner's <img>, so the page does not jump while it loads."""
        ratio_width, ratio_height = self.theme.banner_ratio
        return BANNER_WIDTH, BANNER_WIDTH * ratio_height // ratio_width

    @property
    def body_class(self):
        return f"stall-themed stall-theme--{self.theme.slug}"

    def style_rule(self):
        """The ``body.stall-themed {…}`` rule carrying this look's custom properties, safe inside <style>."""
        declarations = []
        for name, value in self.theme.css_variables(self.primary):
            if not SAFE_CSS_VALUE.fullmatch(value):
                raise ValueError(f"unsafe value for {name}: {value!r}")
            declarations.append(f"{name}:{value}")
        return mark_safe("body.stall-themed{" + ";".join(declarations) + "}")


def safe_primary(stored, theme):
    """The stored colour when it is a ``#rrggbb`` that passes the theme's contrast rules, else the theme's own: a row
    changed some other way (the admin, a theme's colours revised) never puts bad CSS or unreadable text on a page."""
    if not HEX_COLOUR.fullmatch(stored or ""):
        return theme.primary
    try:
        check_primary_colour(theme, stored)
    except ValidationError:
        return theme.primary
    return stored


def appearance_of(storefront):
    """The saved look of ``storefront``; reads only the stall's own row (no query)."""
    theme = theme_named(storefront.theme)
    banner = storefront.banner
    return Appearance(
        theme=theme,
        primary=safe_primary(storefront.primary_color, theme),
        banner_url=banner.url if banner else "",
        banner_small_url=banner_small_url(banner.name) if banner else "",
        logo_url=storefront.logo.url if storefront.logo else "",
    )


def banner_small_url(name):
    """The phone-sized copy of a banner the appearance screen made (under BANNER_FOLDER, always with its copy, see
    storefronts.appearance); "" for any other banner, which is shown as it is."""
    if not (name.startswith(BANNER_FOLDER) and name.endswith(".webp")):
        return ""
    return thumbnail_url(name, BANNER_SMALL_WIDTH)
