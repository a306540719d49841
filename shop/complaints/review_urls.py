"""Union staff's complaint queue, inside the dashboard (/dashboard/complaints/)."""

from django.urls import path

from shop.complaints import review_views

app_name = "complaints-review"

urlpatterns = [
    path("", review_views.ComplaintQueueView.as_view(), name="queue"),
    path("export.csv", review_views.ComplaintExportView.as_view(), name="export"),
    path("<int:pk>/", review_views.ComplaintPageView.as_view(), name="detail"),
    path("<int:pk>/message/", review_views.StaffMessageView.as_view(), name="message"),
    path("<int:pk>/<slug:action>/", review_views.ComplaintDecisionView.as_view(), name="decide"),
]
