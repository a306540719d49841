from django.urls import path

from shop.fulfilment import seller_views

app_name = "fulfilment-seller"

urlpatterns = [
    path("", seller_views.StallOrderListView.as_view(), name="list"),
    path("print/", seller_views.PrintView.as_view(), name="print"),
    path("export.<str:fmt>", seller_views.ExportView.as_view(), name="export"),
    path("<int:pk>/", seller_views.StallOrderDetailView.as_view(), name="detail"),
    path("<int:pk>/transfer-received/", seller_views.TransferReceivedView.as_view(), name="transfer-received"),
    path("<int:pk>/<slug:action>/", seller_views.StallOrderActionView.as_view(), name="action"),
]
