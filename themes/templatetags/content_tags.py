"""Tags of the content pages: a translated rich text field, and for the footer the addresses of the news, the guides
and the legal pages, and the Ministry of Industry and Trade's badge.

{% load content_tags %}
{% translated_richtext page "body" %}
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from translations.templatetags.translated import field_value

register = template.Library()


@register.simple_tag
def translated_richtext(page, field):
    """A rich text field in the page's language, its links to pages and images made real; or the Vietnamese text in
    a <div lang="vi"> when it is not translated."""
    language = get_language() or settings.LANGUAGE_CODE
    value = field_value(page, field, language)
    if value:
        return mark_safe(expand_db_html(value))
    source = field_value(page, field, settings.LANGUAGE_CODE)
    if not source:
        return ""
    return format_html('<div lang="{}">{}</div>', settings.LANGUAGE_CODE, mark_safe(expand_db_html(source)))


@register.simple_tag
def section_url(name):
    """The address of a section of the page tree under the home page (the news, the guides), in the page's language.

    Built from the slug the section was created with (themes.home), without a query: the footer is on every page of
    the shop. Should an editor change the slug, Wagtail's automatic redirect keeps the old address working.
    """
    from themes.home import SECTION_SLUGS

    return reverse("wagtail_serve", args=[f"{SECTION_SLUGS[name]}/"])


@register.simple_tag
def legal_url(kind):
    """The address of a legal page (themes.legal.LEGAL_SLUGS: regulations, privacy, complaints, terms), no query."""
    from themes.legal import legal_url as url_of

    return url_of(kind)


@register.simple_tag
def moit_badge():
    """The Ministry of Industry and Trade's registration badge, linked to the marketplace's record on online.gov.vn;
    nothing while MOIT_REGISTRATION_URL is unset. MOIT_BADGE_IMAGE is a static file's path or a full address."""
    if not settings.MOIT_REGISTRATION_URL:
        return ""
    image = settings.MOIT_BADGE_IMAGE
    if not image.startswith(("https://", "http://", "/")):
        image = static(image)
    return format_html(
        '<a id="moit-badge" class="d-inline-block mb-2" href="{}" rel="noopener" target="_blank">'
        '<img src="{}" alt="{}" width="150" height="57" loading="lazy"></a>',
        settings.MOIT_REGISTRATION_URL,
        image,
        _("Đã đăng ký với Bộ Công Thương"),
    )
