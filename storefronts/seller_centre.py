"""The stall home as a seller centre (issue 17): what needs doing now, and the links to every tool.

Each count or list is one query over the stall's own rows, whatever the number of its orders or products, so the
home page's query count stays fixed. A tool whose screen is not installed (yet) is simply left out.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.low_stock import low_stock_products
from ocop.models import OcopCertificate
from shop.complaints.models import waiting_for_answer
from shop.fulfilment.models import StallOrder
from shop.takedowns.models import Takedown

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

EXPIRY_WARNING_DAYS = 30
AWAITING_PAYMENT = "awaiting-payment"  # shop.fulfilment.services.OrderStatus.AWAITING_PAYMENT
LISTED = 5  # products or certificates named on the home page; the rest are behind the link


def url_if_installed(name, query=""):
    """The URL of a named screen, or None while that screen does not exist."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


# --- What needs doing now ---------------------------------------------------------------------------------------------


def orders_to_confirm(storefront):
    """Paid (or cash on delivery) orders the stall has not confirmed yet."""
    return StallOrder.objects.filter(storefront=storefront, status=StallOrder.Status.PENDING).exclude(
        order__status=AWAITING_PAYMENT
    )


def orders_to_ship(storefront):
    return StallOrder.objects.filter(storefront=storefront, status=StallOrder.Status.CONFIRMED)


def cash_to_collect(storefront):
    """(number of parcels, đồng) the stall's carriers or staff still collect from buyers paying on delivery."""
    totals = StallOrder.objects.filter(
        storefront=storefront,
        status__in=[StallOrder.Status.CONFIRMED, StallOrder.Status.SHIPPED],
        order__marketplace_payment__method="cod",
    ).aggregate(parcels=Count("pk"), amount=Sum(F("items_total") + F("shipping_charge")))
    return totals["parcels"] or 0, totals["amount"] or 0


def drafts(storefront):
    """Products not shown on the market yet (never published, or taken off by the stall)."""
    return Product.objects.filter(storefront=storefront, parent__isnull=True, is_public=False).order_by(
        "-date_updated", "-pk"
    )


def refused_certificates(storefront):
    """OCOP certificates union staff refused or revoked: their products lose the OCOP mark until fixed."""
    refused = [OcopCertificate.Status.REJECTED, OcopCertificate.Status.REVOKED]
    return OcopCertificate.objects.filter(storefront=storefront, status__in=refused).order_by("-created_at")


def expiring_certificates(storefront, today=None):
    """Verified certificates that end within the next 30 days (the issuer's own reminder period)."""
    today = today or timezone.localdate()
    return OcopCertificate.objects.filter(
        storefront=storefront,
        status=OcopCertificate.Status.VERIFIED,
        expiry_date__gte=today,
        expiry_date__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
    ).order_by("expiry_date")


def taken_down(storefront):
    """Listings union staff took down (shop.takedowns) that the stall has not yet fixed and sent back for review."""
    return Takedown.objects.filter(
        storefront=storefront, status__in=[Takedown.Status.TAKEN_DOWN, Takedown.Status.KEPT_DOWN]
    )


@dataclass(frozen=True)
class Task:
    """One line of "what needs doing now": how many, what, where to do it, and a few named examples."""

    key: str
    count: int
    label: str
    url: str
    items: tuple = ()
    amount: int | None = None


def tasks(storefront):
    """The stall's to-do list, in the order a member works through it; lines with nothing to do are left out."""
    orders_url = reverse("fulfilment-seller:list")
    parcels, cash = cash_to_collect(storefront)
    stock = low_stock_products(storefront, limit=LISTED + 1)
    draft_products = list(drafts(storefront)[: LISTED + 1])
    refused = list(refused_certificates(storefront)[: LISTED + 1])
    expiring = list(expiring_certificates(storefront)[: LISTED + 1])
    certificates_url = reverse("ocop:member-certificates")
    every = [
        Task(
            "confirm", orders_to_confirm(storefront).count(), _("Đơn mới cần xác nhận"), orders_url + "?status=pending"
        ),
        Task("ship", orders_to_ship(storefront).count(), _("Đơn cần gửi đi"), orders_url + "?status=confirmed"),
        Task("collect", parcels, _("Đơn cần thu tiền khi giao"), orders_url + "?payment=cod", amount=cash),
        Task(
            "complaints",
            waiting_for_answer(storefront).count(),
            _("Khiếu nại cần trả lời"),
            reverse("complaints-seller:list"),
        ),
        Task("low-stock", len(stock), _("Sản phẩm sắp hết hàng"), reverse("catalog-seller:list"), tuple(stock)),
        Task(
            "drafts",
            len(draft_products),
            _("Sản phẩm chưa đăng bán"),
            reverse("catalog-seller:list"),
            tuple(draft_products),
        ),
        Task("refused", len(refused), _("Chứng nhận OCOP bị từ chối hoặc thu hồi"), certificates_url, tuple(refused)),
        Task("expiring", len(expiring), _("Chứng nhận OCOP sắp hết hạn"), certificates_url, tuple(expiring)),
        Task(
            "takedowns",
            taken_down(storefront).count(),
            _("Sản phẩm bị cán bộ gỡ, cần sửa"),
            reverse("takedowns:member-list"),
        ),
    ]
    return [task for task in every if task.count]


# --- The tools ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tool:
    key: str
    label: str
    url: str


TOOLS = [
    ("orders", _("Đơn hàng"), "fulfilment-seller:list"),
    ("complaints", _("Khiếu nại và đổi trả"), "complaints-seller:list"),
    ("products", _("Sản phẩm"), "catalog-seller:list"),
    ("import", _("Nhập từ bảng tính"), "catalog-seller:import"),
    ("ocop", _("Chứng nhận OCOP"), "ocop:member-certificates"),
    ("batches", _("Lô hàng và tem truy xuất"), "ocop:member-batches"),
    ("shipping", _("Phí giao hàng"), "storefronts:shipping-settings"),
    ("figures", _("Số liệu bán hàng"), "storefronts:sales-figures"),
    ("money", _("Tiền hàng và thanh toán"), "storefronts:money"),
    ("appearance", _("Giao diện gian hàng"), "storefronts:appearance"),
    ("translations", _("Bản dịch"), "translations:stall"),
    ("takedowns", _("Sản phẩm bị gỡ"), "takedowns:member-list"),
]


def tools():
    """Every tool of the seller centre that is installed, in a fixed order."""
    found = ((key, label, url_if_installed(name)) for key, label, name in TOOLS)
    return [Tool(key, label, url) for key, label, url in found if url]
