"""The buyer's complaint pages (under the language prefix, beside their order page) and the photos."""

from django.urls import path

from shop.complaints import views

app_name = "complaints"

urlpatterns = [
    path("new/<int:stall_order_pk>/", views.OpenComplaintView.as_view(), name="open"),
    path("<int:pk>/", views.ComplaintView.as_view(), name="detail"),
    path("<int:pk>/message/", views.MessageView.as_view(), name="message"),
    path("<int:pk>/settle/", views.SettleView.as_view(), name="settle"),
    path("<int:pk>/escalate/", views.EscalateView.as_view(), name="escalate"),
    path("<int:pk>/photos/<int:photo_pk>/", views.PhotoView.as_view(), name="photo"),
]
