"""The payment gateways this site offers: those of settings.PAYMENT_GATEWAYS whose settings are filled in."""

from django.conf import settings
from django.utils.module_loading import import_string


def all_gateways():
    return [import_string(path)() for path in settings.PAYMENT_GATEWAYS]


def available_gateways():
    return [gateway for gateway in all_gateways() if gateway.is_configured()]


def get_gateway(code):
    """The configured gateway with this code, or None."""
    return next((gateway for gateway in available_gateways() if gateway.code == code), None)
