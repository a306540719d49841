"""Text people type, made safe to show (issue 18, item 8): no direction overrides, no invisible edges, and names that
can be read.

- **Direction controls** (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are removed wherever they
  are: they reorder what follows on screen, so "gpj.exe" can show as "exe.jpg" and a title can hide its real words.
  The plain marks U+200E/U+200F (LRM, RLM) change no order and are kept inside the text.
- **Invisible edges**: format characters (zero-width space, joiners, LRM/RLM, the BOM U+FEFF…), control characters
  and spaces are stripped from both ends. Inside the text they stay: a zero-width joiner holds emoji sequences and
  some scripts together.
- **Names** (product titles, stall and cooperative names, a buyer's name, a review's title) must contain at least one
  letter or digit once cleaned: a title of only emoji, spaces or invisible characters is refused with a message in the
  member's language, and the form shows again with what they typed.

Forms use ``UserTextField`` (cleans) and ``NameField`` (cleans and needs a letter or digit); code that reads text
from elsewhere (a spreadsheet) calls ``clean_user_text`` and ``validate_name``.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}
NO_LETTER = _("Hãy nhập ít nhất một chữ cái hoặc chữ số; biểu tượng cảm xúc và ký tự ẩn không được tính.")


def is_invisible(character):
    return character.isspace() or unicodedata.category(character) in INVISIBLE_CATEGORIES


def clean_user_text(text):
    """``text`` without direction controls and without invisible characters at either end."""
    text = DIRECTION_CONTROLS.sub("", text)
    start, end = 0, len(text)
    while start < end and is_invisible(text[start]):
        start += 1
    while end > start and is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def has_letter_or_digit(text):
    return any(unicodedata.category(character)[0] in "LN" for character in text)


def validate_name(text):
    if not has_letter_or_digit(text):
        raise ValidationError(NO_LETTER, code="no_letter")


class UserTextField(forms.CharField):
    """A CharField whose value comes through ``clean_user_text``; one left empty by it counts as not filled in."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str) and value:
            value = clean_user_text(value)
        return value or self.empty_value


class NameField(UserTextField):
    """A name or a title: cleaned, and refused without a letter or digit."""

    default_validators = [validate_name]
