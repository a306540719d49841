from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from storefronts.models import Cooperative, Membership, Province, Storefront


@admin.register(Province)
class ProvinceAdmin(TranslationAdmin):
    list_display = ["name", "kind"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Cooperative)
class CooperativeAdmin(TranslationAdmin):
    list_display = ["name", "registration_number", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "registration_number"]
    inlines = [MembershipInline]


@admin.register(Storefront)
class StorefrontAdmin(TranslationAdmin):
    list_display = ["name", "cooperative", "status"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    readonly_fields = ["status", "partner"]
