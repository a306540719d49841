import oscar.apps.customer.apps as oscar_apps
from django.contrib.auth.decorators import login_required
from django.urls import path


class CustomerConfig(oscar_apps.CustomerConfig):
    """Oscar's customer app, forked for the account's safety: signing up says the same whether or not the address
    has an account (a new one is confirmed by e-mail), logging out and adding to a wish list need a POST
    (views.py, wishlists/views.py). The account's personal data can be downloaded, and deleting the account
    anonymises it instead of Oscar's outright deletion (privacy_views.py)."""

    name = "shop.customer"

    def ready(self):
        super().ready()
        from shop.customer import privacy_views, views

        self.signup_sent_view = views.SignUpSentView
        self.activation_view = views.AccountActivationView
        self.profile_delete_view = privacy_views.AccountDeleteView
        self.personal_data_view = privacy_views.PersonalDataView
        self.personal_data_download_view = privacy_views.PersonalDataDownloadView

    def get_urls(self):
        return [
            path("register/sent/", self.signup_sent_view.as_view(), name="register-sent"),
            path("activate/<str:uidb64>/<str:token>/", self.activation_view.as_view(), name="activate"),
            path("personal-data/", login_required(self.personal_data_view.as_view()), name="personal-data"),
            path(
                "personal-data/download/<str:format>/",
                login_required(self.personal_data_download_view.as_view()),
                name="personal-data-download",
            ),
            *super().get_urls(),
        ]
