"""Template tags that put a stall's theme on a page: ``{% stall_theme_head x %}`` in the head (the shared stylesheet
and the stall's custom properties) and ``{% stall_theme_class x %}`` in the body's class, where ``x`` is a Storefront
(its saved look) or an Appearance (e.g. a preview's unsaved one). Neither costs a query."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from storefronts.theming import STYLESHEET, Appearance, appearance_of

register = template.Library()


def look(stall_or_appearance):
    if stall_or_appearance is None or stall_or_appearance == "":
        return None
    if isinstance(stall_or_appearance, Appearance):
        return stall_or_appearance
    cached = getattr(stall_or_appearance, "_appearance", None)
    if cached is None:
        cached = stall_or_appearance._appearance = appearance_of(stall_or_appearance)
    return cached


@register.simple_tag
def stall_theme_head(stall_or_appearance):
    appearance = look(stall_or_appearance)
    if appearance is None:
        return ""
    return format_html(
        '<link rel="stylesheet" href="{}">\n<style>{}</style>', static(STYLESHEET), appearance.style_rule()
    )


@register.simple_tag
def stall_theme_class(stall_or_appearance):
    appearance = look(stall_or_appearance)
    return appearance.body_class if appearance else ""
