"""Showing a translated field: in the page's language when it is translated, else in Vietnamese marked lang="vi".

    {% load translated %}
    <h1>{% translated product "title" %}</h1>

Screen readers and browsers then read the Vietnamese words as Vietnamese on an English or Chinese page.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def field_value(instance, field, language):
    return getattr(instance, build_localized_fieldname(field, language), None) or ""


@register.simple_tag
def translated(instance, field, safe_html=False):
    """The field in the active language, or the Vietnamese source wrapped in <span lang="vi">.

    ``safe_html`` is for fields we store as escaped HTML ourselves (product descriptions); anything else is escaped.
    """
    language = get_language() or settings.LANGUAGE_CODE
    value = field_value(instance, field, language)
    if value:
        return mark_safe(value) if safe_html else value
    source = field_value(instance, field, settings.LANGUAGE_CODE)
    if not source:
        return ""
    tag = "div" if safe_html else "span"
    content = mark_safe(source) if safe_html else source
    if language == settings.LANGUAGE_CODE:
        return content if safe_html else source
    return format_html('<{} lang="{}">{}</{}>', mark_safe(tag), settings.LANGUAGE_CODE, content, mark_safe(tag))


@register.filter
def fallback_lang(instance, field):
    """' lang="vi"' when ``field`` is shown from its Vietnamese source on a page in another language, else ''.

    <h1{{ stall|fallback_lang:"name" }}>{{ stall.name }}</h1>
    """
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or field_value(instance, field, language):
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')
