"""Union staff's verification of OCOP certificates, inside the dashboard (/dashboard/ocop/)."""

from django.urls import path

from ocop.views import review

app_name = "ocop-review"

urlpatterns = [
    path("", review.CertificateQueueView.as_view(), name="queue"),
    path("<int:pk>/", review.CertificateReviewView.as_view(), name="detail"),
    path("<int:pk>/scan/", review.CertificateScanView.as_view(), name="scan"),
    path("<int:pk>/<slug:action>/", review.CertificateDecisionView.as_view(), name="decide"),
]
