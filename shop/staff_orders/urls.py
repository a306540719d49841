"""Union staff's orders screens, inside the dashboard (/dashboard/orders-desk/)."""

from django.urls import path

from shop.staff_orders import views

app_name = "staff-orders"

urlpatterns = [
    path("", views.OrderListView.as_view(), name="list"),
    path("<str:number>/", views.OrderDetailView.as_view(), name="detail"),
    path("<str:number>/parts/<int:pk>/cancel/", views.CancelStallOrderView.as_view(), name="cancel"),
]
