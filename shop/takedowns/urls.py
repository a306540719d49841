"""Under the language prefix: the report form of a product or a stall, and a stall's own takedowns."""

from django.urls import path

from shop.takedowns.views import member, public

app_name = "takedowns"

urlpatterns = [
    path("report/product/<int:pk>/", public.ProductReportView.as_view(), name="report-product"),
    path("report/stall/<slug:slug>/", public.StallReportView.as_view(), name="report-stall"),
    path("report/sent/", public.report_sent, name="report-sent"),
    path("my-stall/takedowns/", member.TakedownListView.as_view(), name="member-list"),
    path("my-stall/takedowns/<int:pk>/", member.TakedownDetailView.as_view(), name="member-detail"),
]
