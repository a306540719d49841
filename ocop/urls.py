"""OCOP pages under the language prefix: public certificate lookup and stamp verification; a member's own
certificates, batches and stamps (under /<lang>/my-stall/)."""

from django.urls import path

from ocop.views import member, public, verify

app_name = "ocop"

urlpatterns = [
    path("ocop/certificates/", public.CertificateLookupView.as_view(), name="certificate-lookup"),
    path("verify/", verify.VerifyFormView.as_view(), name="verify-form"),
    path("verify/<str:serial>/", verify.VerifyStampView.as_view(), name="verify"),
    path("my-stall/ocop/", member.CertificateListView.as_view(), name="member-certificates"),
    path("my-stall/ocop/new/", member.CertificateCreateView.as_view(), name="member-certificate-create"),
    path("my-stall/ocop/<int:pk>/", member.CertificateDetailView.as_view(), name="member-certificate"),
    path("my-stall/batches/", member.BatchListView.as_view(), name="member-batches"),
    path("my-stall/batches/new/", member.BatchCreateView.as_view(), name="member-batch-create"),
    path("my-stall/batches/<int:pk>/", member.BatchDetailView.as_view(), name="member-batch"),
    path("my-stall/batches/<int:pk>/stamps/", member.GenerateStampsView.as_view(), name="member-batch-stamps"),
    path("my-stall/batches/<int:pk>/sheet.png", member.StampSheetView.as_view(), name="member-batch-sheet"),
]
