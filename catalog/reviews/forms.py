"""Oscar's review form (found by Oscar's class loader as catalogue.reviews.forms: the catalogue app is forked here),
with the site's rules for typed text: a review's title and its writer's name need a letter or digit, and no text
keeps direction overrides or invisible edges (shop/visible_text.py)."""

from django import forms
from oscar.apps.catalogue.reviews import forms as oscar_forms

from shop.visible_text import NameField, UserTextField


class ScoreField(forms.TypedChoiceField):
    """Oscar's review page draws the chosen stars from the score's value (``as_stars`` rounds it), which a re-shown
    form holds as the text sent: given as a number, a refused review shows its form again instead of failing."""

    def prepare_value(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return value


class ProductReviewForm(oscar_forms.ProductReviewForm):
    name = NameField(label=oscar_forms.ProductReviewForm.base_fields["name"].label, required=True)
    score = ScoreField(
        label=oscar_forms.ProductReviewForm.base_fields["score"].label,
        choices=oscar_forms.ProductReviewForm.base_fields["score"].choices,
        coerce=int,
    )

    class Meta(oscar_forms.ProductReviewForm.Meta):
        field_classes = {"title": NameField, "body": UserTextField}
