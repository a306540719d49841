"""Provider callbacks: no language prefix and no CSRF token; each gateway verifies its provider's signature."""

from django.urls import path

from shop.payments import views

app_name = "payments-webhooks"

urlpatterns = [path("<slug:code>/", views.webhook, name="webhook")]
