"""The cross-seller matrix: a member of stall A, acting on stall B's objects through any seller-facing URL that takes
an object id, with any HTTP method, gets 403, 404 or 405 and changes nothing.

The URLs are enumerated from the URL configuration, so a new route with an id cannot escape this test: a route
whose argument this test does not know how to fill makes it fail until someone adds it below.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.core.loading import get_class, get_model
from PIL import Image

from catalog.imports import ProductImport
from shop.fulfilment.models import ShippingPolicy, StallOrder
from shop.payments.models import Payment
from storefronts import workflow
from storefronts.models import Invitation, Membership, Storefront
from tests.conftest import make_union_staff
from tests.factories import MembershipFactory, PaymentFactory, ProductFactory, ShippingPolicyFactory

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

SELLER_NAMESPACES = (
    "dashboard",
    "storefront-review",
    "storefronts",
    "catalog-seller",
    "fulfilment-seller",
    "fulfilment",
    "payments",
    "payments-dashboard",
)
# Routes whose argument is not another seller's object id.
NOT_OBJECT_ROUTES = {
    "dashboard:catalogue-product-create",  # the argument is a product type; members create products for themselves
    "storefronts:detail",  # the public stall page
    "storefronts:application-step",  # the argument is a step of the member's own application
    "storefronts:accept-invitation",  # the token itself is the invitee's credential
    "catalog-seller:import-template",  # the argument is a file format
    "fulfilment-seller:export",  # the argument is a file format; the stall's own orders only (tests/shop/checkout)
    "payments:return",  # the argument is a payment method; the provider's signed data says which payment
}


def seller_routes():
    """(namespaced name, argument names) of every seller-facing route that takes arguments."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                arguments = sorted(pattern.pattern.regex.groupindex)
                if arguments and namespace.split(":")[0] in SELLER_NAMESPACES:
                    yield f"{namespace}:{pattern.name}", tuple(arguments)

    return sorted(set(walk(get_resolver().url_patterns)))


ROUTES = [route for route in seller_routes() if route[0] not in NOT_OBJECT_ROUTES]


def test_the_matrix_covers_the_seller_routes():
    names = {name for name, _ in ROUTES}
    assert {"dashboard:catalogue-product", "dashboard:order-detail", "dashboard:partner-manage"} <= names
    assert {"storefront-review:detail", "storefront-review:decide"} <= names
    assert {"fulfilment-seller:detail", "fulfilment-seller:action", "fulfilment:order", "payments:pay"} <= names
    assert "fulfilment-seller:transfer-received" in names
    assert "payments-dashboard:confirm-transfer" in names


def picture_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def stalls(db, settings):
    """Stall A with its member, and stall B with a product, an order paid by bank transfer, an order note, a member
    and an invitation."""
    settings.BANK_TRANSFER_BIN, settings.BANK_TRANSFER_ACCOUNT = "970436", "0071000123456"  # transfers switched on
    settings.BANK_TRANSFER_ACCOUNT_NAME = "LIEN MINH HTX VIET NAM"
    member_a = MembershipFactory(role=Membership.Role.OWNER)
    stall_a = Storefront.objects.create(
        cooperative=member_a.cooperative, slug="gian-hang-a", name="Gian hàng A", status="draft"
    )
    member_b = MembershipFactory(role=Membership.Role.OWNER)
    stall_b = Storefront.objects.create(
        cooperative=member_b.cooperative, slug="gian-hang-b", name="Gian hàng B", status="draft"
    )
    reviewer = make_union_staff()
    for stall, member in ((stall_a, member_a), (stall_b, member_b)):
        workflow.submit_application(stall, member.user)
        workflow.approve_storefront(stall, reviewer)
    product_b = ProductFactory(storefront=stall_b, title="Nước mắm Phú Quốc của B")
    get_model("catalogue", "ProductImage").objects.create(
        product=product_b, original=ContentFile(picture_bytes(), name="nuoc-mam.png")
    )
    # A's own product gets an id no object of B can have, so a pk tried below is never A's own product.
    ProductFactory(storefront=stall_a, title="Chè Shan tuyết của A", pk=999_999)
    ShippingPolicyFactory(storefront=stall_b)
    payment_b = PaymentFactory(method="bank_transfer", order__lines=[(product_b, 1)])
    order_b = payment_b.order
    stall_order_b = order_b.stall_orders.get()
    note_b = order_b.notes.create(message="Giao trước Tết", user=member_b.user)
    Invitation.objects.create(cooperative=member_b.cooperative, email="moi@htx.vn", invited_by=member_b.user)
    import_b = ProductImport.objects.create(storefront=stall_b, user=member_b.user, file_name="san-pham-b.xlsx")
    return {
        "import_b": import_b,
        "stall_order_b": stall_order_b,
        "payment_b": payment_b,
        "member_a": member_a.user,
        "stall_b": stall_b,
        "product_b": product_b,
        "order_b": order_b,
        "note_b": note_b,
        "member_b": member_b.user,
    }


def candidates(argument, objects):
    """Every value of B's (or the staff's) objects that could fill this URL argument."""
    b = objects
    values = {
        "pk": [
            b["product_b"].pk,
            b["stall_b"].pk,
            b["stall_b"].partner_id,
            b["member_b"].pk,
            b["order_b"].pk,
            b["import_b"].pk,
            b["stall_order_b"].pk,
            b["payment_b"].pk,
        ],
        "parent_pk": [b["product_b"].pk],
        "partner_pk": [b["stall_b"].partner_id],
        "user_pk": [b["member_b"].pk],
        "number": [b["order_b"].number],
        "line_id": [b["order_b"].lines.get().pk],
        "note_id": [b["note_b"].pk],
        "parent": [Category.objects.first().pk],
        "product_class_slug": [b["product_b"].product_class.slug],
        "method_pk": [1],
        "slug": ["ORDER_PLACED"],
        "action": [
            "approve",
            "suspend",
            "reject",
            "request-changes",
            "reinstate",
            "confirm",
            "ship",
            "deliver",
            "cancel",
        ],
        "image_pk": [b["product_b"].images.get().pk],
        "table": ["top-stalls", "provinces"],  # the staff overview's downloads
        "file_format": ["csv", "xlsx"],
    }
    assert argument in values, f"teach the cross-seller matrix how to fill the URL argument {argument!r}"
    return values[argument]


def fill(arguments, objects):
    """Combinations of candidate values for the route's arguments (each argument varies, the others take the first)."""
    first = {argument: candidates(argument, objects)[0] for argument in arguments}
    for argument in arguments:
        for value in candidates(argument, objects):
            yield {**first, argument: value}


def snapshot(objects):
    stall = Storefront.objects.get(pk=objects["stall_b"].pk)
    product = Product.objects.get(pk=objects["product_b"].pk)
    order = Order.objects.get(pk=objects["order_b"].pk)
    return {
        "stall": (stall.status, stall.name, stall.partner_id, list(stall.partner.users.values_list("pk", flat=True))),
        "product": (product.title, product.is_public, product.storefront_id, product.date_updated),
        "stock": list(StockRecord.objects.filter(product=product).values_list("price", "num_in_stock")),
        "order": (order.status, order.total_incl_tax, list(order.lines.values_list("status", flat=True))),
        "notes": list(order.notes.values_list("message", flat=True)),
        "stall_orders": list(StallOrder.objects.filter(order=order).values_list("status", "tracking_number")),
        "payments": list(Payment.objects.filter(order=order).values_list("status", "amount")),
        "products_of_b": Product.objects.filter(storefront=stall).count(),
        "members_of_b": Membership.objects.filter(cooperative=stall.cooperative).count(),
        "invitations_of_b": Invitation.objects.filter(cooperative=stall.cooperative).count(),
    }


@pytest.mark.parametrize("route", ROUTES, ids=[name for name, _ in ROUTES])
def test_member_of_stall_a_cannot_touch_stall_bs_objects(client, stalls, route):
    name, arguments = route
    client.force_login(stalls["member_a"])
    before = snapshot(stalls)
    for kwargs in fill(arguments, stalls):
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data={} if method != "post" else {"status": "approved"})
            assert response.status_code in (403, 404, 405), f"{method.upper()} {url} answered {response.status_code}"
    assert snapshot(stalls) == before


# --- Oscar's dashboard is for union staff only (issue 17) ---------------------------------------------------------


def dashboard_routes():
    """(namespaced name, argument names) of every route whose address starts with /dashboard/."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name and prefix.startswith("dashboard/"):
                yield f"{namespace}:{pattern.name}", tuple(sorted(pattern.pattern.regex.groupindex))

    return sorted(set(walk(get_resolver().url_patterns)))


# The dashboard's own sign-in and sign-out pages are open to anyone: they show nothing of any stall.
DASHBOARD_DOORS = {"dashboard:login", "dashboard:logout"}
DASHBOARD_ROUTES = [route for route in dashboard_routes() if route[0] not in DASHBOARD_DOORS]


def test_the_dashboard_walk_covers_oscars_dashboard_and_ours():
    names = {name for name, _ in DASHBOARD_ROUTES}
    assert {
        "dashboard:index",
        "dashboard:order-list",
        "dashboard:order-detail",
        "dashboard:catalogue-product-list",
    } <= names
    assert {"dashboard:reports-index", "dashboard:partner-list", "storefront-review:queue"} <= names
    assert {"payments-dashboard:transfers", "payments-dashboard:confirm-transfer"} <= names
    assert len(DASHBOARD_ROUTES) > 80


@pytest.mark.parametrize("route", DASHBOARD_ROUTES, ids=[name for name, _ in DASHBOARD_ROUTES])
def test_a_member_is_refused_every_dashboard_page(client, stalls, route):
    """Members of an approved stall, even for their own stall's order, product or partner: 403, whatever the method."""
    name, arguments = route
    client.force_login(stalls["member_b"])
    before = snapshot(stalls)
    for kwargs in fill(arguments, stalls) if arguments else [{}]:
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 403, f"{method.upper()} {url} answered {response.status_code}"
    assert snapshot(stalls) == before


def test_members_hold_no_dashboard_permission_after_the_stall_opens(stalls):
    for member in (stalls["member_a"], stalls["member_b"]):
        assert not type(member).objects.get(pk=member.pk).has_perm("partner.dashboard_access")


# --- Seller tools whose URLs name no object (issue 17, items 4–5): they always work on the member's own stall -------

OWN_STALL_ROUTES = ["storefronts:shipping-settings", "storefronts:sales-figures", "storefronts:sales-figures-export"]


@pytest.mark.parametrize("name", OWN_STALL_ROUTES)
def test_member_of_stall_a_reads_and_changes_only_stall_as_shipping_and_figures(client, stalls, name):
    client.force_login(stalls["member_a"])
    url = reverse(name)
    stall_b = stalls["stall_b"]
    rates_of_b = ShippingPolicy.objects.filter(storefront=stall_b).values_list("rate_in_region", "rate_other_regions")
    before = list(rates_of_b)

    page = client.get(url, {"storefront": stall_b.pk, "stall": stall_b.slug}).content.decode()
    client.post(url, {"storefront": stall_b.pk, "rate_in_region": "1", "rate_other_regions": "1", "handover_days": "0"})

    assert "Nước mắm Phú Quốc của B" not in page and stall_b.name not in page
    assert list(rates_of_b) == before == [(25_000, 40_000)]
