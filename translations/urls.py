from django.urls import path

from translations import views

app_name = "translations"

urlpatterns = [
    path("", views.StallTranslationsView.as_view(), name="stall"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("import/", views.ImportView.as_view(), name="import"),
]
