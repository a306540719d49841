"""A member's own OCOP screens under /<lang>/my-stall/: certificates (member_certificates) and production batches
with their traceability stamps (member_batches). ocop/urls.py names the views through this module."""

from ocop.views.member_batches import (
    BatchCreateView,
    BatchDetailView,
    BatchListView,
    GenerateStampsView,
    StampSheetView,
)
from ocop.views.member_certificates import CertificateCreateView, CertificateDetailView, CertificateListView

__all__ = [
    "BatchCreateView",
    "BatchDetailView",
    "BatchListView",
    "CertificateCreateView",
    "CertificateDetailView",
    "CertificateListView",
    "GenerateStampsView",
    "StampSheetView",
]
