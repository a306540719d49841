"""The search page, under the language prefix: included at "search/" before Oscar's URLs, so it answers Oscar's
search form (``search:search`` reverses to the same path)."""

from django.urls import path

from catalog.search import views

app_name = "catalog-search"

urlpatterns = [
    path("", views.search_page, name="search"),
]
