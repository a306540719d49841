"""Translated stall and cooperative texts (Vietnamese first; English and Chinese fall back to Vietnamese)."""

from modeltranslation.translator import TranslationOptions, register

from storefronts.models import Cooperative, Province, Storefront


@register(Province)
class ProvinceTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Cooperative)
class CooperativeTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Storefront)
class StorefrontTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "about")
