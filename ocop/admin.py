"""The OCOP models in Django's admin, for superusers fixing data by hand.

Statuses are read-only here: a certificate is verified, rejected, revoked or expired through ``ocop.workflow`` (the
dashboard's verification screens and the daily job), which records the decision and e-mails the cooperative.
"""

from django.contrib import admin

from ocop.models import Batch, CertificateDecision, OcopCertificate, Stamp


class CertificateDecisionInline(admin.TabularInline):
    model = CertificateDecision
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OcopCertificate)
class OcopCertificateAdmin(admin.ModelAdmin):
    list_display = ["certificate_number", "stars", "score", "storefront", "issuing_level", "expiry_date", "status"]
    list_filter = ["status", "stars", "issuing_level"]
    search_fields = ["certificate_number", "decision_number", "storefront__name", "storefront__cooperative__name"]
    list_select_related = ["storefront"]
    autocomplete_fields = ["products"]
    raw_id_fields = ["storefront", "submitted_by"]
    readonly_fields = ["status", "created_at", "expiry_warning_sent_at"]
    date_hierarchy = "issue_date"
    inlines = [CertificateDecisionInline]


class StampInline(admin.TabularInline):
    model = Stamp
    fields = ["serial", "check_count", "first_checked_at", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["lot_code", "product", "production_date", "expiry_date", "quantity"]
    search_fields = ["lot_code", "product__title", "product__upc"]
    list_select_related = ["product"]
    raw_id_fields = ["product"]
    date_hierarchy = "production_date"
    inlines = [StampInline]


@admin.register(Stamp)
class StampAdmin(admin.ModelAdmin):
    list_display = ["serial", "batch", "check_count", "first_checked_at", "created_at"]
    search_fields = ["serial", "batch__lot_code"]
    list_select_related = ["batch__product"]
    raw_id_fields = ["batch"]
    readonly_fields = ["check_count", "first_checked_at", "created_at"]
