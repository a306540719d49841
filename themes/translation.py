"""Translated fields of our Wagtail pages (Vietnamese first; English and Chinese fall back to Vietnamese).

Only our page models' own fields are registered: Wagtail's Page table (title, slug, url_path) is not, so page
addresses stay the same in every language and no column is added to a vendor's table (see themes/models.py for
``display_title``). Texts inside StreamFields are translated block by block instead (themes/blocks.py).
"""

from modeltranslation.translator import TranslationOptions, register

from themes.models import GuideIndexPage, GuidePage, LegalPage, NewsIndexPage, NewsPage


@register(NewsIndexPage)
class NewsIndexPageTranslationOptions(TranslationOptions):
    fields = ("display_title", "intro")


@register(NewsPage)
class NewsPageTranslationOptions(TranslationOptions):
    fields = ("display_title", "intro", "body")


@register(GuideIndexPage)
class GuideIndexPageTranslationOptions(TranslationOptions):
    fields = ("display_title", "intro")


@register(GuidePage)
class GuidePageTranslationOptions(TranslationOptions):
    fields = ("display_title", "intro")


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("display_title", "intro", "body")
