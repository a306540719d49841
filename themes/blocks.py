"""StreamField blocks of the content pages: texts written in each language side by side, and the home page's sections.

A text an editor writes is one block with a Vietnamese, an English and a Chinese box, so each step of a guide or
each heading of the home page is translated where it stands, and one missing translation shows the Vietnamese
words, marked lang="vi", without hiding the rest. The home page's sections (featured stalls, OCOP products,
categories, news) only say what to show: the home page fetches it (themes.sections) and hands it to each one.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# (language code, suffix of its box in a translated block): the suffixes are those of modeltranslation's fields.
LANGUAGE_BOXES = [("vi", "vi", "Tiếng Việt"), ("en", "en", "English"), ("zh-hans", "zh_hans", "简体中文")]
SOURCE_BOX = "vi"


def active_box():
    language = get_language() or settings.LANGUAGE_CODE
    return {code: box for code, box, _label in LANGUAGE_BOXES}.get(language, SOURCE_BOX)


class TranslatedValue(blocks.StructValue):
    """The texts of one translated block; ``text`` is the one to show, ``is_fallback`` when it is the Vietnamese
    source standing in for a missing translation."""

    @property
    def text(self):
        return self.get(active_box()) or self.get(SOURCE_BOX) or ""

    @property
    def is_fallback(self):
        return not self.get(active_box()) and bool(self.get(SOURCE_BOX))

    def __str__(self):
        """What {{ value.title }} shows (Django's templates call str() before escaping)."""
        return self.block.render(self)


class BaseTranslatedBlock(blocks.StructBlock):
    """One text in Vietnamese (the source) and its English and Chinese translations, edited side by side."""

    fallback_tag = "span"

    def __init__(self, required=True, **kwargs):
        local_blocks = [
            (box, self.language_block(label=label, required=required and box == SOURCE_BOX))
            for _code, box, label in LANGUAGE_BOXES
        ]
        super().__init__(local_blocks, **kwargs)

    def language_block(self, **kwargs):
        return blocks.CharBlock(**kwargs)

    def render_basic(self, value, context=None):
        """The text in the page's language, or the Vietnamese source marked lang="vi" for screen readers."""
        if value.is_fallback:
            return format_html('<{0} lang="vi">{1}</{0}>', self.fallback_tag, value.text)
        return format_html("{}", value.text)

    def get_searchable_content(self, value):
        return [str(value.get(box) or "") for _code, box, _label in LANGUAGE_BOXES]

    class Meta:
        value_class = TranslatedValue
        form_classname = "struct-block translated-text"


class TranslatedCharBlock(BaseTranslatedBlock):
    """A heading or a short label."""


class TranslatedTextBlock(BaseTranslatedBlock):
    """A few plain sentences."""

    def language_block(self, **kwargs):
        return blocks.TextBlock(**kwargs)


class TranslatedRichTextBlock(BaseTranslatedBlock):
    """Paragraphs with links and lists."""

    fallback_tag = "div"

    def language_block(self, **kwargs):
        return blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], **kwargs)

    def render_basic(self, value, context=None):
        text = value.text
        if not text:
            return ""
        if value.is_fallback:
            return format_html('<div lang="vi">{}</div>', text)
        return format_html("{}", text)


# --- Links -----------------------------------------------------------------------------------------------------------

SHOP_DESTINATIONS = [
    ("catalogue:index", _("Tất cả sản phẩm")),
    ("storefronts:list", _("Danh sách gian hàng")),
    ("search:search", _("Tìm kiếm")),
    ("storefronts:application", _("Mở gian hàng")),
    ("ocop:certificate-lookup", _("Tra cứu chứng nhận OCOP")),
    ("ocop:verify-form", _("Kiểm tra tem truy xuất nguồn gốc")),
]


class LinkValue(blocks.StructValue):
    @property
    def url(self):
        """The chosen page's address or the shop page's, in the visitor's language ("" when neither is set)."""
        if self.get("page"):
            return self["page"].specific_deferred.get_url() or ""
        if self.get("shop_page"):
            try:
                return reverse(self["shop_page"])
            except NoReverseMatch:
                return ""
        return ""


class LinkBlock(blocks.StructBlock):
    """A button: its words, and where it leads (a content page, or one of the shop's pages)."""

    label = TranslatedCharBlock(label=_("Chữ trên nút"))
    page = blocks.PageChooserBlock(label=_("Trang nội dung"), required=False)
    shop_page = blocks.ChoiceBlock(
        label=_("Hoặc trang của chợ"), choices=SHOP_DESTINATIONS, required=False, widget=forms.Select
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("shop_page"):
            raise StructBlockValidationError(
                block_errors={"shop_page": ValidationError(_("Chọn trang mà nút dẫn tới."))}
            )
        return value

    class Meta:
        value_class = LinkValue
        label = _("Nút")


# --- The home page's sections ----------------------------------------------------------------------------------------


class SectionBlock(blocks.StructBlock):
    """A section with a heading; an empty heading shows the section's usual one, translated by the site."""

    default_heading = ""

    heading = TranslatedCharBlock(
        required=False, label=_("Tiêu đề mục"), help_text=_("Để trống để dùng tiêu đề mặc định của mục này.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        heading = value.get("heading")
        context["heading"] = heading if heading and heading.text else self.default_heading
        # What the section shows was fetched by the page (HomePage.get_context, themes.sections) and handed over with
        # include_block; a section rendered on its own shows its heading and nothing else.
        context.update(context.get("section") or {})
        return context


class HeroBlock(blocks.StructBlock):
    """The page's big opening: its title (the page's h1), a sentence, up to two buttons and a picture."""

    title = TranslatedCharBlock(label=_("Tiêu đề"))
    text = TranslatedTextBlock(required=False, label=_("Lời giới thiệu"))
    links = blocks.ListBlock(LinkBlock(), label=_("Nút"), min_num=0, max_num=2, default=[])
    image = ImageChooserBlock(label=_("Ảnh"), required=False)

    class Meta:
        template = "themes/blocks/hero.html"
        icon = "image"
        label = _("Phần mở đầu")


def approved_stall_choices():
    from storefronts.models import Storefront

    return [(stall.slug, stall.name) for stall in Storefront.objects.public().order_by("name_vi")]


class FeaturedStallsBlock(SectionBlock):
    """Stalls chosen by the editors, or the most recently approved ones when none is chosen."""

    default_heading = _("Gian hàng tiêu biểu")

    stalls = blocks.ListBlock(
        blocks.ChoiceBlock(choices=approved_stall_choices, label=_("Gian hàng")),
        label=_("Gian hàng được chọn"),
        help_text=_("Để trống để hiện các gian hàng mới được duyệt gần đây nhất."),
        default=[],
    )
    count = blocks.IntegerBlock(label=_("Số gian hàng"), default=6, min_value=1, max_value=24)

    class Meta:
        template = "themes/blocks/featured_stalls.html"
        icon = "group"
        label = _("Gian hàng tiêu biểu")


STAR_CHOICES = [("3", _("Từ 3 sao")), ("4", _("Từ 4 sao")), ("5", _("5 sao"))]


class OcopProductsBlock(SectionBlock):
    """Products holding a valid OCOP certificate of at least so many stars, the best rated first."""

    default_heading = _("Sản phẩm OCOP nổi bật")

    min_stars = blocks.ChoiceBlock(label=_("Số sao tối thiểu"), choices=STAR_CHOICES, default="4", widget=forms.Select)
    count = blocks.IntegerBlock(label=_("Số sản phẩm"), default=8, min_value=1, max_value=24)

    class Meta:
        template = "themes/blocks/product_section.html"
        icon = "pick"
        label = _("Sản phẩm OCOP nổi bật")


class NewProductsBlock(SectionBlock):
    """The newest products on sale."""

    default_heading = _("Sản phẩm mới")

    count = blocks.IntegerBlock(label=_("Số sản phẩm"), default=12, min_value=1, max_value=24)

    class Meta:
        template = "themes/blocks/product_section.html"
        icon = "list-ul"
        label = _("Sản phẩm mới")


def public_category_choices():
    Category = get_model("catalogue", "Category")
    return [(category.slug, category.name) for category in Category.objects.filter(is_public=True).order_by("path")]


class CategoryTilesBlock(SectionBlock):
    """Tiles leading to product groups: the chosen ones, or every top-level group."""

    default_heading = _("Nhóm sản phẩm OCOP")

    categories = blocks.ListBlock(
        blocks.ChoiceBlock(choices=public_category_choices, label=_("Nhóm sản phẩm")),
        label=_("Nhóm được chọn"),
        help_text=_("Để trống để hiện mọi nhóm sản phẩm chính."),
        default=[],
    )

    class Meta:
        template = "themes/blocks/category_tiles.html"
        icon = "folder-open-inverse"
        label = _("Ô nhóm sản phẩm")


class LatestNewsBlock(SectionBlock):
    """The alliance's latest announcements, linking to the news page."""

    default_heading = _("Tin tức mới")

    count = blocks.IntegerBlock(label=_("Số tin"), default=3, min_value=1, max_value=12)

    class Meta:
        template = "themes/blocks/latest_news.html"
        icon = "doc-full"
        label = _("Tin tức mới")


class TextSectionBlock(blocks.StructBlock):
    heading = TranslatedCharBlock(required=False, label=_("Tiêu đề mục"))
    text = TranslatedRichTextBlock(label=_("Nội dung"))

    class Meta:
        template = "themes/blocks/text_section.html"
        icon = "pilcrow"
        label = _("Đoạn văn")


class HomeBodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    featured_stalls = FeaturedStallsBlock()
    ocop_products = OcopProductsBlock()
    new_products = NewProductsBlock()
    category_tiles = CategoryTilesBlock()
    latest_news = LatestNewsBlock()
    text = TextSectionBlock()


# --- Guides ----------------------------------------------------------------------------------------------------------


class GuideStepBlock(blocks.StructBlock):
    """One step of a guide: what to do, how, and optionally a screenshot."""

    title = TranslatedCharBlock(label=_("Việc cần làm"))
    text = TranslatedRichTextBlock(label=_("Cách làm"))
    image = ImageChooserBlock(label=_("Ảnh minh họa"), required=False)

    class Meta:
        template = "themes/blocks/guide_step.html"
        icon = "list-ol"
        label = _("Bước")


class GuideStepsBlock(blocks.StreamBlock):
    step = GuideStepBlock()
