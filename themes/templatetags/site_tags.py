"""Tags of the site's frame: the page's other-language addresses for search engines (hreflang)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each language's version of this page, plus x-default (Vietnamese)."""
    request = context.get("request")
    if request is None:
        return ""
    here = request.build_absolute_uri(request.get_full_path())
    links = [(code, translate_url(here, code)) for code, _name in settings.LANGUAGES]
    default = dict(links)[settings.LANGUAGE_CODE]
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', links) + format_html(
        '\n<link rel="alternate" hreflang="x-default" href="{}">', default
    )
