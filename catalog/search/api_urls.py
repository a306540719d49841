"""The public search API, included at "api/search/" both without a language prefix (language from Accept-Language,
namespace "search-api") and under each prefix (namespace "search-api-localized")."""

from django.urls import path

from catalog.search import views

app_name = "search-api"

urlpatterns = [
    path("", views.api_search, name="search"),
    path("suggest/", views.api_suggest, name="suggest"),
]
