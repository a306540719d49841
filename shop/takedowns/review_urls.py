"""Union staff's takedown queue, inside the dashboard (/dashboard/takedowns/)."""

from django.urls import path

from shop.takedowns.views import review

app_name = "takedown-review"

urlpatterns = [
    path("", review.TakedownQueueView.as_view(), name="queue"),
    path("new/", review.AuthorityCaseView.as_view(), name="new"),
    path("<int:pk>/", review.TakedownDetailView.as_view(), name="detail"),
    path("<int:pk>/authority/", review.AuthorityRequestView.as_view(), name="authority"),
    path("<int:pk>/<slug:action>/", review.TakedownDecisionView.as_view(), name="decide"),
]
