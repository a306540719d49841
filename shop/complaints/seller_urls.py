from django.urls import path

from shop.complaints import seller_views

app_name = "complaints-seller"

urlpatterns = [
    path("", seller_views.StallComplaintListView.as_view(), name="list"),
    path("<int:pk>/", seller_views.StallComplaintView.as_view(), name="detail"),
    path("<int:pk>/answer/", seller_views.AnswerView.as_view(), name="answer"),
    path("<int:pk>/escalate/", seller_views.StallEscalateView.as_view(), name="escalate"),
]
