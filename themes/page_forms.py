"""The CMS form of our news and guide pages: the address (slug) comes from the Vietnamese title.

Wagtail asks for the slug on its "Quảng bá" (promote) tab and only fills it in the browser from a title panel of its
own; our title sits in the Vietnamese language panel, so the slug stayed empty and publishing failed on a field the
editor could not see. Here an empty slug is made from the title on the server, the way product addresses are
(Oscar's ``slugify`` with OSCAR_SLUG_MAP: "đ" becomes "d", accents are dropped), and made unique among the page's
siblings with a number ("-2", "-3"...). A slug the editor types goes through the same function, so addresses stay
plain ASCII.
"""

from django.utils.translation import gettext_lazy as _
from oscar.core.utils import slugify
from wagtail.admin.forms import WagtailAdminPageForm


def slug_from(text):
    return slugify(text or "")[:255].strip("-")


def free_slug(base, parent, page):
    """``base``, or ``base-2``, ``base-3``... whichever no sibling of ``page`` under ``parent`` uses yet."""
    siblings = parent.get_children() if parent is not None else None
    if siblings is None:
        return base
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class ContentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Để trống thì địa chỉ được tạo từ tiêu đề tiếng Việt.")

    def clean(self):
        typed = self.cleaned_data.get("slug")
        if typed and typed == self.instance.slug:
            return super().clean()  # a published address is never changed behind the editor's back
        base = slug_from(typed) if typed else slug_from(self.cleaned_data.get("title"))
        if base and base != typed:
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            self.cleaned_data["slug"] = free_slug(base, parent, self.instance)
        return super().clean()
