"""Product lists and OCOP stars: filtering by stars and fetching the valid certificates in one query per page."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ocop.models import OcopCertificate

STAR_CHOICES = [("", _("Mọi sản phẩm")), ("3", _("Từ 3 sao OCOP")), ("4", _("Từ 4 sao OCOP")), ("5", _("5 sao OCOP"))]


def valid_certificates_prefetch():
    """Each product's valid certificates as ``valid_ocop_certificates`` (read by Product.ocop_certificate)."""
    return Prefetch("ocop_certificates", queryset=OcopCertificate.objects.valid(), to_attr="valid_ocop_certificates")


def with_valid_certificates(products):
    return products.prefetch_related(valid_certificates_prefetch())


def with_min_stars(products, stars):
    """Only products holding a valid certificate of at least ``stars`` stars (3, 4 or 5)."""
    certified = OcopCertificate.objects.valid().filter(stars__gte=stars).values("products")
    return products.filter(pk__in=certified)


def parse_stars(value):
    """The star filter from a query string: 3, 4 or 5, or None for anything else (no filter)."""
    return int(value) if value in ("3", "4", "5") else None
