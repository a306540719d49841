"""The CSS classes the customer-facing templates use, and the ones the site's stylesheet covers.

The site has its own small stylesheet (themes/static/themes/site.css) instead of all of Bootstrap 4, while the
templates (ours, and Oscar's customer templates we still render) keep writing Bootstrap's class names. This module
keeps the two from drifting apart: a class a template uses must be styled by site.css or be listed there, in the
comment that starts with ``unstyled:``, as a hook that needs no rule (a name for scripts, tests or the stall themes).
A name in that list ending with ``*`` covers every class starting with it.

    .venv/bin/python -m themes.css_vocabulary            # the classes the templates use that site.css does not cover
    .venv/bin/python -m themes.css_vocabulary --all      # every class, with the templates using it
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import oscar

ROOT = Path(__file__).resolve().parent.parent
STYLESHEET = ROOT / "themes" / "static" / "themes" / "site.css"
# The stall themes' stylesheet, loaded on top of site.css on a stall's pages, styles the stall-* classes.
STALL_STYLESHEET = ROOT / "themes" / "static" / "themes" / "stall" / "stall.css"
OSCAR_TEMPLATES = Path(oscar.__file__).resolve().parent / "templates"

# Our apps' templates, except the staff dashboard's (Oscar's dashboard keeps its own Bootstrap stylesheet).
OUR_TEMPLATE_FOLDERS = [
    "catalog/templates",
    "ocop/templates",
    "shop/fulfilment/templates",
    "shop/payments/templates",
    "shop/review/templates",
    "shop/takedowns/templates",
    "storefronts/templates",
    "themes/templates",
    "translations/templates",
]
OUR_DASHBOARD_TEMPLATES = [
    "ocop/templates/ocop/review",
    "shop/payments/templates/payments/dashboard",
    "shop/review/templates/review",
    "shop/takedowns/templates/takedowns/review",
    "storefronts/templates/storefronts/review",
    "translations/templates/translations/report.html",
]
# Python modules that give form widgets their classes.
OUR_WIDGET_MODULES = ["catalog", "storefronts", "ocop", "shop", "translations", "themes"]

# Oscar's customer templates the site still renders under its own layout. Left out: the ones our templates replace
# (oscar/layout.html, oscar/base.html, the header partials, the catalogue's browse/category/search pages, the gallery)
# and Oscar's own checkout, which is not mounted (shop/fulfilment/oscar_urls.py).
OSCAR_CUSTOMER_TEMPLATES = [
    "oscar/403.html",
    "oscar/404.html",
    "oscar/500.html",
    "oscar/error.html",
    "oscar/login_forbidden.html",
    "oscar/layout_2_col.html",
    "oscar/layout_3_col.html",
    "oscar/partials/alert_messages.html",
    "oscar/partials/form.html",
    "oscar/partials/form_field.html",
    "oscar/partials/form_fields.html",
    "oscar/partials/form_fields_inline.html",
    "oscar/partials/pagination.html",
    "oscar/basket/",
    "oscar/order/partials/basket_totals.html",
    "oscar/catalogue/detail.html",
    "oscar/catalogue/partials/add_to_basket_form.html",
    "oscar/catalogue/partials/add_to_basket_form_compact.html",
    "oscar/catalogue/partials/add_to_wishlist.html",
    "oscar/catalogue/partials/product.html",
    "oscar/catalogue/partials/review.html",
    "oscar/catalogue/partials/stock_record.html",
    "oscar/catalogue/reviews/",
    "oscar/customer/",
    "oscar/communication/",
    "oscar/offer/",
    "oscar/registration/",
    "oscar/wishlists/",
]

CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.S)
COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.S)
TEMPLATE_VARIABLE = re.compile(r"{{.*?}}", re.S)
UNKNOWN = "\x00"  # stands for a variable: a name glued to it is not a plain class
PLAIN_CLASS = re.compile(r"^-?[A-Za-z_][\w-]*$")
WIDGET_CLASS = re.compile(r"""["']class["']\s*:\s*["']([^"']+)["']""")
UNSTYLED_COMMENT = re.compile(r"/\*\s*unstyled:(.*?)\*/", re.S)
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")


def customer_templates():
    """The template files whose classes site.css must cover."""
    ours, our_names = [], set()
    for folder in OUR_TEMPLATE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.html")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(relative.startswith(excluded) for excluded in OUR_DASHBOARD_TEMPLATES):
                ours.append(path)
                our_names.add(path.relative_to(ROOT / folder).as_posix())
    oscars = []
    for name in OSCAR_CUSTOMER_TEMPLATES:
        path = OSCAR_TEMPLATES / name
        oscars.extend(sorted(path.rglob("*.html")) if name.endswith("/") else [path])
    oscars = [path for path in oscars if "emails" not in path.relative_to(OSCAR_TEMPLATES).parts]  # e-mails, not pages
    # An Oscar template we override (the same name in our folders) is not rendered.
    return ours + [path for path in oscars if path.relative_to(OSCAR_TEMPLATES).as_posix() not in our_names]


def classes_in_markup(text):
    """The plain class names in a template's class attributes. Template tags inside an attribute are dropped and the
    text around them kept, so both branches of ``{% if %}a{% else %}b{% endif %}`` count; names built from a variable
    (``alert-{{ tag }}``) cannot be known and are skipped."""
    text = COMMENT_BLOCK.sub("", text)
    text = TEMPLATE_VARIABLE.sub(UNKNOWN, TEMPLATE_TAG.sub(" ", text))
    found = set()
    for match in CLASS_ATTRIBUTE.finditer(text):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        found.update(name for name in value.split() if PLAIN_CLASS.match(name) and not name.endswith("-"))
    return found


def classes_in_widgets():
    """Classes our Python code gives form widgets (``attrs={"class": ...}``), by module."""
    used = defaultdict(set)
    for package in OUR_WIDGET_MODULES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path.name == "settings.py":
                continue
            for match in WIDGET_CLASS.finditer(path.read_text(encoding="utf-8")):
                for name in match.group(1).split():
                    used[name].add(path)
    return used


def used_classes():
    """Every class the customer-facing templates and widgets use, with the files using it."""
    used = defaultdict(set)
    for path in customer_templates():
        for name in classes_in_markup(path.read_text(encoding="utf-8")):
            used[name].add(path)
    for name, paths in classes_in_widgets().items():
        used[name].update(paths)
    return used


def stylesheet_vocabulary(css=None):
    """(the classes site.css (and the stall themes' stylesheet) have rules for, the names and prefixes site.css lists as
    intentionally unstyled)."""
    if css is None:
        css = STYLESHEET.read_text(encoding="utf-8") + STALL_STYLESHEET.read_text(encoding="utf-8")
    unstyled = set()
    for comment in UNSTYLED_COMMENT.finditer(css):
        unstyled.update(comment.group(1).split())
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    without_declarations = re.sub(r"{[^{}]*}", "{}", without_comments)
    styled = set(SELECTOR_CLASS.findall(without_declarations))
    return styled, unstyled


def is_covered(name, styled, unstyled):
    if name in styled or name in unstyled:
        return True
    return any(entry.endswith("*") and name.startswith(entry[:-1]) for entry in unstyled)


def uncovered_classes():
    """The classes templates use that site.css neither styles nor lists as unstyled, with the files using them."""
    styled, unstyled = stylesheet_vocabulary()
    return {name: paths for name, paths in used_classes().items() if not is_covered(name, styled, unstyled)}


def _shown(path):
    path = Path(path)
    return (
        path.relative_to(OSCAR_TEMPLATES).as_posix()
        if OSCAR_TEMPLATES in path.parents
        else path.relative_to(ROOT).as_posix()
    )


def main(argv):
    classes = used_classes() if "--all" in argv else uncovered_classes()
    for name in sorted(classes):
        print(f"{name}: {', '.join(sorted(_shown(path) for path in classes[name]))}")
    return 0 if "--all" in argv or not classes else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
