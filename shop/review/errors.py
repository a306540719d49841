"""What a review service refuses, with a code a program can test beside the message a person reads (as Saleor's
``error_codes.py``)."""

from enum import StrEnum

from shop.service_errors import ServiceError


class ReviewErrorCode(StrEnum):
    ILLEGAL_STEP = "illegal_step"  # the step does not start from the subject's current status
    REASON_REQUIRED = "reason_required"  # the step needs a reason and none was given


class ReviewError(ServiceError):
    """A refused change: ``message`` is translated for the person, ``code`` is for the program."""


class IllegalTransition(ReviewError):
    """The step is not allowed from the subject's current status, or lacks its reason."""
