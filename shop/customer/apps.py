import oscar.apps.customer.apps as oscar_apps
from django.urls import path


class CustomerConfig(oscar_apps.CustomerConfig):
    """Oscar's customer app, forked for the account's safety: signing up says the same whether or not the address
    has an account (a new one is confirmed by e-mail), logging out and adding to a wish list need a POST
    (views.py, wishlists/views.py)."""

    name = "shop.customer"

    def ready(self):
        super().ready()
        from shop.customer import views

        self.signup_sent_view = views.SignUpSentView
        self.activation_view = views.AccountActivationView

    def get_urls(self):
        return [
            path("register/sent/", self.signup_sent_view.as_view(), name="register-sent"),
            path("activate/<str:uidb64>/<str:token>/", self.activation_view.as_view(), name="activate"),
            *super().get_urls(),
        ]
