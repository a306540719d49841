from django.urls import path

from shop.fulfilment import seller_views

app_name = "fulfilment-seller"

urlpatterns = [
    path("", seller_views.StallOrderListView.as_view(), name="list"),
    path("<int:pk>/", seller_views.StallOrderDetailView.as_view(), name="detail"),
    path("<int:pk>/<slug:action>/", seller_views.StallOrderActionView.as_view(), name="action"),
]
