"""Wagtail pages of the site: the home page built from sections, the alliance's news and the step-by-step guides.

Languages are per field, like the rest of the site (django-modeltranslation, see themes/translation.py): a page's
own texts (intro, body) have a Vietnamese, an English and a Chinese column, and texts inside StreamFields are
translated block by block (themes/blocks.py). Wagtail's own ``title`` lives on its Page table, which we cannot add
columns to, so it stays the Vietnamese title (the one the page tree, slugs and the admin show) and each page has a
translated ``display_title`` whose Vietnamese value is kept equal to ``title``: visitors read ``display_title`` in
their language, or the Vietnamese title marked lang="vi".
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from themes import sections
from themes.blocks import GuideStepsBlock, HomeBodyBlock
from themes.page_forms import ContentPageForm

NEWS_PER_PAGE = 10
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "image", "hr"]

# The language panels shown side by side (one below the other) in the editor: (suffix, heading).
LANGUAGE_PANELS = [("vi", "Tiếng Việt"), ("en", "English"), ("zh_hans", "简体中文")]


def language_panels(*fields):
    """One panel per language with that language's column of each translated field; Vietnamese shows Wagtail's
    ``title`` in place of ``display_title``."""
    panels = []
    for suffix, heading in LANGUAGE_PANELS:
        children = []
        for field in fields:
            if field == "display_title" and suffix == "vi":
                children.append(FieldPanel("title", heading=_("Tiêu đề (tiếng Việt)")))
            else:
                children.append(FieldPanel(f"{field}_{suffix}"))
        panels.append(MultiFieldPanel(children, heading=heading, classname="collapsible"))
    return panels


def edit_handler(*fields, extra_panels=()):
    return TabbedInterface(
        [
            ObjectList([*language_panels(*fields), *extra_panels], heading=_("Nội dung")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
        ]
    )


class ContentPage(Page):
    """A page with a translated title and a short introduction (the summary shown in lists and search results)."""

    display_title = models.CharField(
        _("Tiêu đề"),
        max_length=255,
        blank=True,
        help_text=_("Để trống thì trang hiện tiêu đề tiếng Việt."),
    )
    intro = models.TextField(_("Tóm tắt"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = ContentPageForm  # the address comes from the title when the editor leaves it empty

    class Meta:
        abstract = True

    def sync_vietnamese_title(self):
        """The Vietnamese display title is Wagtail's title: one box for the editor, one value for the site."""
        self.display_title_vi = self.title

    def full_clean(self, *args, **kwargs):
        self.sync_vietnamese_title()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.sync_vietnamese_title()
        return super().save(*args, **kwargs)


class HomePage(Page):
    """The home page: an editable list of sections (opening, featured stalls, OCOP products, categories, news)."""

    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("Các mục của trang chủ"))

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["themes.NewsIndexPage", "themes.GuideIndexPage", "themes.LegalPage"]
    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["has_hero"] = bool(self.body) and self.body[0].block_type == "hero"
        context["sections"] = sections.home_sections(self.body)
        # The first product section's pictures load at once (near the top); the others' when scrolled to.
        product_sections = [block.id for block in self.body if block.block_type in sections.PRODUCT_SECTIONS]
        context["eager_block_id"] = product_sections[0] if product_sections else None
        return context


class NewsIndexPage(ContentPage):
    """The alliance's news: every announcement, newest first, ten to a page."""

    max_count = 1
    parent_page_types = ["themes.HomePage"]
    subpage_types = ["themes.NewsPage"]
    edit_handler = edit_handler("display_title", "intro")

    class Meta:
        verbose_name = _("Trang tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        page = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(news=page.object_list, page_obj=page, paginator=page.paginator)
        return context


class NewsPage(ContentPage):
    """An announcement or a piece of policy news from the cooperative alliance."""

    date = models.DateField(_("Ngày đăng"), default=timezone.localdate)
    body = RichTextField(_("Nội dung"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["themes.NewsIndexPage"]
    subpage_types = []
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    edit_handler = edit_handler("display_title", "intro", "body", extra_panels=[FieldPanel("date")])

    class Meta:
        verbose_name = _("Tin tức")
        verbose_name_plural = _("Tin tức")


class GuideIndexPage(ContentPage):
    """Help for cooperatives and buyers: every guide, in the order the editors arranged them."""

    max_count = 1
    parent_page_types = ["themes.HomePage"]
    subpage_types = ["themes.GuidePage"]
    edit_handler = edit_handler("display_title", "intro")

    class Meta:
        verbose_name = _("Trang hướng dẫn")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public().order_by("path")
        return context


class GuidePage(ContentPage):
    """Step-by-step help, e.g. how to open a stall; each step is translated where it stands."""

    steps = StreamField(GuideStepsBlock(), blank=True, verbose_name=_("Các bước"))

    parent_page_types = ["themes.GuideIndexPage"]
    subpage_types = []
    edit_handler = edit_handler("display_title", "intro", extra_panels=[FieldPanel("steps")])

    class Meta:
        verbose_name = _("Hướng dẫn")
        verbose_name_plural = _("Hướng dẫn")


class LegalPage(ContentPage):
    """One of the texts the law asks a marketplace to publish (Decree 52/2013 as amended by Decree 85/2021, the
    E-commerce Law from 1/7/2026, the personal data law from 1/1/2026): the operating regulations, the privacy policy,
    the complaint policy and the terms of use. ``kind`` says which, so the site finds them whatever their slug
    (themes/legal.py); while ``awaiting_legal_review`` is ticked the page says it is a draft with no force yet."""

    class Kind(models.TextChoices):
        REGULATIONS = "regulations", _("Quy chế hoạt động")
        PRIVACY = "privacy", _("Chính sách bảo vệ dữ liệu cá nhân")
        COMPLAINTS = "complaints", _("Chính sách giải quyết khiếu nại")
        TERMS = "terms", _("Điều khoản sử dụng")

    kind = models.CharField(_("Loại văn bản"), max_length=16, choices=Kind.choices)
    body = RichTextField(_("Nội dung"), blank=True, features=RICH_TEXT_FEATURES)
    awaiting_legal_review = models.BooleanField(
        _("Bản dự thảo chờ rà soát pháp lý"),
        default=True,
        help_text=_("Bỏ chọn khi bộ phận pháp chế đã duyệt văn bản; trang thôi hiện dòng báo bản dự thảo."),
    )

    parent_page_types = ["themes.HomePage"]
    subpage_types = []
    search_fields = [*ContentPage.search_fields, index.SearchField("body")]
    edit_handler = edit_handler(
        "display_title", "intro", "body", extra_panels=[FieldPanel("kind"), FieldPanel("awaiting_legal_review")]
    )

    class Meta:
        verbose_name = _("Văn bản pháp lý")
        verbose_name_plural = _("Văn bản pháp lý")
