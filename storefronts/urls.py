"""Stall URLs under the language prefix: the public stall pages and a member's own application, appearance, shipping
settings and sales figures."""

from django.urls import path

from storefronts.views import appearance, application, figures, public, shipping

app_name = "storefronts"

urlpatterns = [
    path("stalls/", public.StorefrontListView.as_view(), name="list"),
    path("stalls/<slug:slug>/", public.StorefrontDetailView.as_view(), name="detail"),
    # A member's own stall application: overview and status, the guided steps, submission, documents, members.
    path("my-stall/", application.ApplicationView.as_view(), name="application"),
    path("my-stall/step/<slug:step>/", application.ApplicationStepView.as_view(), name="application-step"),
    path("my-stall/submit/", application.SubmitApplicationView.as_view(), name="application-submit"),
    path("my-stall/certificate/", application.OwnCertificateView.as_view(), name="application-certificate"),
    path("my-stall/members/", application.MembersView.as_view(), name="members"),
    path("my-stall/appearance/", appearance.AppearanceView.as_view(), name="appearance"),
    path("my-stall/appearance/preview/", appearance.AppearancePreviewView.as_view(), name="appearance-preview"),
    # The stall's shipping settings and its sales figures (its own share of orders only).
    path("my-stall/shipping/", shipping.ShippingSettingsView.as_view(), name="shipping-settings"),
    path("my-stall/figures/", figures.SalesFiguresView.as_view(), name="sales-figures"),
    path("my-stall/figures/export.csv", figures.SalesFiguresExportView.as_view(), name="sales-figures-export"),
    path("invitations/<str:token>/", application.AcceptInvitationView.as_view(), name="accept-invitation"),
]
