from django.urls import path

from translations import views

app_name = "translations-report"

urlpatterns = [path("", views.CoverageReportView.as_view(), name="report")]
