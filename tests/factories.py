"""factory-boy factories for the marketplace's objects; each builds a valid, publicly visible object by default."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

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
