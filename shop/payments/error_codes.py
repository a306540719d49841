"""Codes of what the payment services and gateways refuse, for programs; the message beside each is for people."""

from enum import StrEnum


class PaymentErrorCode(StrEnum):
    AMOUNT_MISMATCH = "amount_mismatch"  # the provider took another amount than the order's (AmountMismatch)
    GATEWAY_UNAVAILABLE = "gateway_unavailable"  # the provider refused or could not be reached (GatewayError)
