"""Product descriptions: members type plain text; Oscar prints a product's description with ``|safe``, so the text
is stored as escaped paragraphs and never as HTML a member wrote."""

import html
import re

from django.utils.html import escape, strip_tags


def description_html(text):
    """Plain text → escaped paragraphs: a blank line starts a paragraph, a single line break stays a line break."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def description_text(stored):
    """The stored description back as the plain text the form shows."""
    text = re.sub(r"<br\s*/?>", "\n", stored or "", flags=re.IGNORECASE)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    return html.unescape(strip_tags(text)).strip()
