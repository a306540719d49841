"""The site's stylesheet and the customer templates do not drift apart: every class a customer-facing template (ours,
or one of Oscar's we still render) uses is styled by site.css or listed there as intentionally unstyled."""

from themes import css_vocabulary


def test_every_class_the_customer_templates_use_is_covered_by_site_css():
    uncovered = css_vocabulary.uncovered_classes()
    assert uncovered == {}, (
        "add a rule to themes/static/themes/site.css or list the class as unstyled there: "
        + ", ".join(sorted(uncovered))
    )


def test_the_check_sees_the_templates_it_should():
    templates = {css_vocabulary._shown(path) for path in css_vocabulary.customer_templates()}
    assert "themes/templates/oscar/layout.html" in templates
    assert "oscar/basket/partials/basket_content.html" in templates  # an Oscar customer template we render
    assert "oscar/catalogue/partials/gallery.html" not in templates  # ours replaces it
    assert not [name for name in templates if "dashboard" in name or "/review/" in name]


def test_classes_are_read_through_template_tags():
    markup = '<p class="badge {% if ok %}badge-success{% else %}badge-danger{% endif %} alert-{{ tag }}">'
    assert css_vocabulary.classes_in_markup(markup) == {"badge", "badge-success", "badge-danger"}


def test_unstyled_names_and_prefixes_count_as_covered():
    styled, unstyled = css_vocabulary.stylesheet_vocabulary(
        ".btn{color:red}.btn-primary:hover{}/* unstyled: hook fa-* */"
    )
    assert styled == {"btn", "btn-primary"}
    assert css_vocabulary.is_covered("fa-star", styled, unstyled)
    assert css_vocabulary.is_covered("hook", styled, unstyled)
    assert not css_vocabulary.is_covered("card", styled, unstyled)
