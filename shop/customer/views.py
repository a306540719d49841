"""Oscar's account views where signing up, activating and logging out differ from Oscar's (apps.py says why)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views

from shop.customer import signup
from shop.customer.forms import EmailUserCreationForm

SIGNUP_SESSION_KEY = "signup_email"


def signed_up(request, form):
    """Both sign-up forms end here: the same page whether the address was new or known."""
    email = form.cleaned_data["email"]
    signup.sign_up(email, form.cleaned_data["password1"], next_url=form.cleaned_data["redirect_url"])
    request.session[SIGNUP_SESSION_KEY] = email
    return redirect("customer:register-sent")


class AccountAuthView(views.AccountAuthView):
    registration_form_class = EmailUserCreationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return signed_up(self.request, form)
        return self.render_to_response(self.get_context_data(registration_form=form))


class AccountRegistrationView(views.AccountRegistrationView):
    form_class = EmailUserCreationForm

    def form_valid(self, form):
        return signed_up(self.request, form)


class SignUpSentView(generic.TemplateView):
    template_name = "customer/signup_sent.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "email": self.request.session.get(SIGNUP_SESSION_KEY, "")}


class AccountActivationView(generic.View):
    """The link in the sign-up e-mail: GET shows a button (mail scanners open links), POST activates and logs in."""

    template_name = "customer/activate.html"

    def dispatch(self, request, *args, uidb64, token, **kwargs):
        self.account = signup.user_from_link(uidb64, token)
        if self.account is None:
            return render(request, self.template_name, {"link_valid": False}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"link_valid": True, "email": self.account.email})

    def post(self, request, *args, **kwargs):
        signup.activate_account(self.account, request)
        auth_login(request, self.account, backend="oscar.apps.customer.auth_backends.EmailBackend")
        messages.success(request, _("Cảm ơn bạn đã đăng ký!"))
        return redirect(signup.safe_next(request.GET.get("next", "")) or settings.LOGIN_REDIRECT_URL)


class LogoutView(views.LogoutView):
    """Logging out takes a POST (the form in the header); a GET, from an old link, asks first and changes nothing."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return render(request, "customer/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
