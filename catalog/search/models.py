"""The database backend's index: one row per browsable product, with its text folded for accent-free matching and
its facet values in plain columns. Kept in step with the catalogue exactly like the Elasticsearch index (signals →
task after commit; ``manage.py search_index rebuild``). Imported by catalog/models.py so that it belongs to the
``catalogue`` app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    # Folded words (" mat ong rung u minh "), per language: matched with LIKE '% word%'.
    title_vi = models.TextField(blank=True)
    title_en = models.TextField(blank=True)
    title_zh_hans = models.TextField(blank=True)
    category_vi = models.TextField(blank=True)
    category_en = models.TextField(blank=True)
    category_zh_hans = models.TextField(blank=True)
    description_vi = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    description_zh_hans = models.TextField(blank=True)
    # The cooperative's name with the stall's and the province's in each language.
    seller_vi = models.TextField(blank=True)
    seller_en = models.TextField(blank=True)
    seller_zh_hans = models.TextField(blank=True)
    # The titles' words lowercased with their marks kept: a query typed with the right accents ranks first.
    exact_title = models.TextField(blank=True)
    # Facets and sorts.
    categories = models.TextField(blank=True)  # "|thuc-pham|mat-ong|": every category slug with its ancestors
    stall = models.CharField(max_length=80, db_index=True)
    province = models.CharField(max_length=50, db_index=True)
    ocop_stars = models.PositiveSmallIntegerField(default=0, db_index=True)
    price = models.BigIntegerField(null=True, db_index=True)
    in_stock = models.BooleanField(default=False)
    rating = models.FloatField(null=True)
    created = models.DateTimeField(db_index=True)
    record = models.JSONField()  # the whole record, for showing the result without another query

    class Meta:
        app_label = "catalogue"
        verbose_name = _("Mục tìm kiếm")
        verbose_name_plural = _("Mục tìm kiếm")

    def __str__(self):
        return self.record.get("title", {}).get("vi", str(self.product_id))
