"""Bank transfers in the dashboard (/dashboard/payments/): the staff list and the "money received" button."""

from django.urls import path

from shop.payments import dashboard_views

app_name = "payments-dashboard"

urlpatterns = [
    path("transfers/", dashboard_views.TransferListView.as_view(), name="transfers"),
    path("<int:pk>/confirm-transfer/", dashboard_views.confirm_transfer, name="confirm-transfer"),
]
