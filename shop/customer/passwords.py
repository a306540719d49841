"""Django's password length rule with its refusal in our catalogue: Django 5.2 rewrote that message and its
Vietnamese and Chinese catalogues do not have it yet (the other three validators' messages they have)."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá ngắn: cần ít nhất %(min_length)s ký tự.") % {"min_length": self.min_length}
