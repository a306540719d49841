"""Oscar's ``checkout`` namespace, pointed at our checkout: Oscar's templates link to ``checkout:index``, while its
own multi-step checkout (which would bypass our per-stall shipping and stock locks) is not mounted at all."""

from django.urls import path

from shop.fulfilment import views

app_name = "checkout"

urlpatterns = [path("", views.checkout, name="index")]
