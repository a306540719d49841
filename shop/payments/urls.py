from django.urls import path

from shop.payments import views

app_name = "payments"

urlpatterns = [
    path("return/<slug:code>/", views.payment_return, name="return"),
    path("<str:number>/", views.pay, name="pay"),
]
