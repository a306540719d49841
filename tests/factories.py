"""factory-boy factories for the marketplace's objects; each builds a valid, publicly visible object by default."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from ocop import serials
from ocop.models import Batch, OcopCertificate, Stamp
from shop.fulfilment import services as checkout
from shop.payments.gateways import get_gateway
from shop.payments.models import Payment
from storefronts.models import Cooperative, Membership, Province, Storefront


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Hợp tác xã Nông nghiệp Thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    registration_number = factory.Sequence(lambda n: f"{4000000000 + n:010d}")
    province = factory.LazyFunction(lambda: Province.objects.get(slug="lam-dong"))
    commune = "Phường Xuân Hương – Đà Lạt"
    phone = "0912345678"
    email = factory.Sequence(lambda n: f"htx{n}@example.vn")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("partner", "Partner")

    name = factory.Sequence(lambda n: f"Gian hàng {n}")
    code = factory.Sequence(lambda n: f"gian-hang-{n}")


class StorefrontFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Storefront

    cooperative = factory.SubFactory(CooperativeFactory)
    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"gian-hang-{n}")
    name = factory.Sequence(lambda n: f"Gian hàng thử nghiệm {n}")
    status = Storefront.Status.APPROVED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    role = Membership.Role.OWNER


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "ProductClass")
        django_get_or_create = ("slug",)

    name = "Hàng hóa HTX"
    slug = "hang-hoa-htx"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "Category")

    name = factory.Sequence(lambda n: f"Thực phẩm {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.add_root(**kwargs)


class ProductFactory(factory.django.DjangoModelFactory):
    """A public product of an approved stall, in one category, with a price and stock."""

    class Meta:
        model = get_model("catalogue", "Product")
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mật ong rừng U Minh {n}")
    upc = factory.Sequence(lambda n: f"TEST-{n:05d}")
    product_class = factory.SubFactory(ProductClassFactory)
    storefront = factory.SubFactory(StorefrontFactory)
    unit = "Hũ 500 ml"
    is_public = True

    @factory.post_generation
    def category(product, create, extracted, **kwargs):
        if create:
            category = extracted or CategoryFactory()
            get_model("catalogue", "ProductCategory").objects.create(product=product, category=category)

    @factory.post_generation
    def stock(product, create, extracted, **kwargs):
        if create:
            get_model("partner", "StockRecord").objects.create(
                product=product,
                partner=product.storefront.partner,
                partner_sku=product.upc,
                price_currency="VND",
                price=Decimal(kwargs.get("price", 185000)),
                num_in_stock=extracted if extracted is not None else 20,
            )


class ProductReviewFactory(factory.django.DjangoModelFactory):
    """A signed-in buyer's approved review of a product."""

    class Meta:
        model = get_model("reviews", "ProductReview")

    product = factory.SubFactory(ProductFactory)
    user = factory.SubFactory(UserFactory)
    score = 5
    title = "Mật ong thơm, đúng vị rừng"
    body = "Ngon, đóng gói cẩn thận."
    status = 1  # approved


class DraftStorefrontFactory(StorefrontFactory):
    """A stall still being prepared by its cooperative: no partner yet."""

    partner = None
    status = Storefront.Status.DRAFT


class ShippingPolicyFactory(factory.django.DjangoModelFactory):
    """The shipping settings a stall saved (a stall publishes only once it has saved some)."""

    class Meta:
        model = get_model("fulfilment", "ShippingPolicy")

    storefront = factory.SubFactory(StorefrontFactory)
    rate_in_region = 25_000
    rate_other_regions = 40_000


# A scan as a stall uploads it: the smallest file that starts and ends like a PDF.
PDF_SCAN = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class OcopCertificateFactory(factory.django.DjangoModelFactory):
    """A 4-star certificate of Lâm Đồng province that a stall declared, waiting for union staff to verify it.

    It comes with the scan of the paper certificate, as every declaration does. ``stars=5`` makes it a central one
    (no province); ``products`` are the products it covers (by default one new product of the stall). Its expiry
    date follows from its issue date (36 months) unless given. Statuses other than "submitted" are set directly: tests of the
    workflow itself bring a certificate there through ocop.workflow.
    """

    class Meta:
        model = OcopCertificate
        skip_postgeneration_save = True

    storefront = factory.SubFactory(StorefrontFactory)
    stars = 4
    score = factory.LazyAttribute(lambda certificate: {3: 60, 4: 78, 5: 95}[certificate.stars])
    certificate_number = factory.Sequence(lambda n: f"{100 + n}/GCN-UBND")
    decision_number = "456/QĐ-UBND"
    issue_date = date(2024, 3, 15)
    decision_date = factory.SelfAttribute("issue_date")
    issuing_level = factory.LazyAttribute(
        lambda certificate: OcopCertificate.Level.CENTRAL if certificate.stars == 5 else OcopCertificate.Level.PROVINCE
    )
    issuing_province = factory.LazyAttribute(
        lambda certificate: (
            None
            if certificate.issuing_level == OcopCertificate.Level.CENTRAL
            else Province.objects.get(slug="lam-dong")
        )
    )
    scan = factory.django.FileField(filename="scan.pdf", data=PDF_SCAN)
    status = OcopCertificate.Status.SUBMITTED

    @factory.post_generation
    def products(certificate, create, extracted, **kwargs):
        if create:
            certificate.products.set(
                extracted if extracted is not None else [ProductFactory(storefront=certificate.storefront)]
            )

    @classmethod
    def of(cls, product, **fields):
        """The certificate of ``product`` alone, declared by the product's stall."""
        return cls(storefront=product.storefront, products=[product], **fields)


class VerifiedOcopCertificateFactory(OcopCertificateFactory):
    """A certificate union staff verified, valid for 300 more days: it gives its products their stars."""

    status = OcopCertificate.Status.VERIFIED
    expiry_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))


class BatchFactory(factory.django.DjangoModelFactory):
    """A production batch of 100 units of a product, made on 1/3/2025, best before 1/3/2027."""

    class Meta:
        model = Batch

    product = factory.SubFactory(ProductFactory)
    lot_code = factory.Sequence(lambda n: f"L2025-{n:02d}")
    production_date = date(2025, 3, 1)
    expiry_date = date(2027, 3, 1)
    quantity = 100


class StampFactory(factory.django.DjangoModelFactory):
    """One traceability stamp of a batch, never checked yet, with a fresh serial (ocop.serials)."""

    class Meta:
        model = Stamp

    batch = factory.SubFactory(BatchFactory)
    serial = factory.LazyFunction(serials.new_serial)


class OrderFactory(factory.Factory):
    """An order placed through the real checkout (shop.fulfilment.services.place_order), which makes each stall's part
    (StallOrder) and opens the order's payment, as a buyer's checkout does.

    A buyer in Hà Nội orders ``lines`` ((product, quantity) pairs; by default one product of a stall that has saved
    its shipping) and pays by ``method`` ("cod" by default; "bank_transfer" needs the tests' bank account settings).
    ``user``: a signed-in buyer instead of a guest; ``date_placed``: the order dated back to that moment.
    """

    class Meta:
        model = get_model("order", "Order")

    lines = factory.LazyFunction(lambda: [(ProductFactory(storefront=ShippingPolicyFactory().storefront), 1)])
    user = None
    method = "cod"
    date_placed = None
    name = "Nguyễn Thị Lan"
    email = "lan@example.vn"
    phone = "0912345678"
    province_id = factory.LazyFunction(lambda: Province.objects.get(slug="hanoi").pk)
    commune = "Phường Hoàn Kiếm"
    street = "12 Hàng Bạc"

    @classmethod
    def _create(cls, model_class, lines, user, method, date_placed, **details):
        basket = get_model("basket", "Basket").objects.create(owner=user)
        basket.strategy = get_class("partner.strategy", "Selector")().strategy()
        for product, quantity in lines:
            basket.add_product(product, quantity)
        gateway = get_gateway(method)
        order, _created = checkout.place_order(
            basket.pk, user, checkout.CheckoutDetails(method=method, **details), gateway
        )
        if date_placed is not None:
            model_class.objects.filter(pk=order.pk).update(date_placed=date_placed)
            order.refresh_from_db()
        return order


class PaymentFactory(factory.Factory):
    """The payment a checkout opened for a new order (OrderFactory) paid by ``method``, still waiting for the money.

    ``order__lines`` and the other ``order__`` fields shape that order.
    """

    class Meta:
        model = Payment

    method = "bank_transfer"
    order = factory.SubFactory(OrderFactory, method=factory.SelfAttribute("..method"))

    @classmethod
    def _create(cls, model_class, order, method):
        return model_class.objects.get(order=order)


class TakedownFactory(factory.django.DjangoModelFactory):
    """An open case about a product, opened by one report (see ReportFactory)."""

    class Meta:
        model = get_model("takedowns", "Takedown")

    kind = "product"
    product = factory.SubFactory(ProductFactory)
    storefront = factory.LazyAttribute(lambda case: case.product.storefront)
    listing_title = factory.LazyAttribute(lambda case: case.product.title)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("takedowns", "Report")

    takedown = factory.SubFactory(TakedownFactory)
    reason = "counterfeit"
    note = "Nhãn giống hệt hàng của hãng khác, giá rẻ bất thường."
