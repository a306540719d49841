"""Union staff's review of stall applications, inside the dashboard (/dashboard/stalls/)."""

from django.urls import path

from storefronts.views import review

app_name = "storefront-review"

urlpatterns = [
    path("", review.ReviewQueueView.as_view(), name="queue"),
    path("<int:pk>/", review.ReviewDetailView.as_view(), name="detail"),
    path("<int:pk>/certificate/", review.CertificateView.as_view(), name="certificate"),
    path("<int:pk>/<slug:action>/", review.DecisionView.as_view(), name="decide"),
]
