from django.urls import path

from shop.fulfilment import views

app_name = "fulfilment"

urlpatterns = [
    path("", views.checkout, name="checkout"),
    path("review/", views.review, name="review"),
    path("orders/<str:number>/", views.order_detail, name="order"),
    path("lookup/", views.order_lookup, name="lookup"),
]
