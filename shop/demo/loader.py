"""Build the demo marketplace from the JSON files in shop/demo/fixtures/ (read by shop/demo/data.py).

Everything is found by a stable key (category slug, registration number, stall slug, product UPC, e-mail) and only
created when missing, so running the loader again changes nothing, and edits made through the site survive it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from oscar.core.loading import get_model

from ocop import workflow as ocop_workflow
from ocop.models import OcopCertificate
from shop.demo import data as demo_data
from shop.demo.images import draw_product_image, picture_kind
from shop.fulfilment.models import ShippingPolicy
from storefronts import workflow
from storefronts.models import Cooperative, Membership, Province, Storefront
from storefronts.staff import ensure_union_staff_group
from themes.demo_content import load_demo_content
from themes.staff import ensure_content_editors_group

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

LANGUAGE_FIELDS = {"vi": "vi", "en": "en", "zh-hans": "zh_hans"}
TOURISM_GROUP = 5  # index of "rural tourism services" among OCOP's six groups: services, nothing to ship


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_ACCOUNTS = [
    DemoAccount("union staff", "canbo@chohtx.example.vn", "canbo-demo-2026"),
    DemoAccount("cooperative member", "thanhvien@chohtx.example.vn", "thanhvien-demo-2026"),
    DemoAccount("consumer", "nguoimua@chohtx.example.vn", "nguoimua-demo-2026"),
]


@dataclass
class Report:
    created: dict = field(default_factory=dict)

    def count(self, kind, was_created):
        if was_created:
            self.created[kind] = self.created.get(kind, 0) + 1


def translated(prefix, texts):
    """{"vi": "...", "en": "..."} → {"name": vi, "name_vi": ..., "name_en": ..., "name_zh_hans": ...}."""
    values = {f"{prefix}_{suffix}": texts.get(code, "") for code, suffix in LANGUAGE_FIELDS.items()}
    values[prefix] = texts["vi"]
    return values


def paragraphs(texts):
    return {code: f"<p>{text}</p>" for code, text in texts.items()}


class DemoLoader:
    def __init__(self):
        self.report = Report()
        self.categories = {}  # key → (Category, index of its OCOP group)

    def load(self):
        # Stalls go through the real workflow (submitted by their owner, approved by union staff); the e-mails it
        # sends once the transaction commits go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            self.load_categories()
            goods, services = self.load_product_classes()
            self.staff, self.member = self.load_accounts()
            for index, data in enumerate(demo_data.cooperatives()):
                owner = self.member if index == 0 else self.load_owner(data)
                storefront = self.load_cooperative(data, owner, approved=True)
                for product in data["products"]:
                    self.load_product(product, storefront, data["stall"]["color"], goods, services)
            self.load_ocop_certificates()
            for data in demo_data.applications():
                self.load_cooperative(data, self.load_owner(data), approved=False)
            pages = load_demo_content()  # the alliance's news and the first guides (Wagtail pages)
            if pages:
                self.report.created["news and guides"] = pages
        return self.report

    def load_categories(self):
        for index, group in enumerate(demo_data.categories()):
            root = Category.objects.filter(depth=1, slug=group["key"]).first()
            if root is None:
                root = Category.add_root(
                    slug=group["key"],
                    **translated("name", group["name"]),
                    **translated("description", group["description"]),
                )
                self.report.count("categories", True)
            self.categories[group["key"]] = (root, index)
            for child_data in group["children"]:
                child = root.get_children().filter(slug=child_data["key"]).first()
                if child is None:
                    child = root.add_child(
                        slug=child_data["key"],
                        **translated("name", child_data["name"]),
                        **translated("description", child_data["description"]),
                    )
                    root.refresh_from_db()
                    self.report.count("categories", True)
                self.categories[child_data["key"]] = (child, index)

    def load_product_classes(self):
        goods, created = ProductClass.objects.get_or_create(
            slug="hang-hoa-htx", defaults={"name": "Hàng hóa HTX", "requires_shipping": True, "track_stock": True}
        )
        self.report.count("product classes", created)
        services, created = ProductClass.objects.get_or_create(
            slug="dich-vu-du-lich",
            defaults={"name": "Dịch vụ du lịch", "requires_shipping": False, "track_stock": True},
        )
        self.report.count("product classes", created)
        return goods, services

    def load_cooperative(self, data, owner, approved):
        province = Province.objects.get(name_vi=data["province"])
        cooperative, created = Cooperative.objects.get_or_create(
            registration_number=data["registration_number"],
            defaults={
                "name": data["name"],
                "short_name": data["short_name"],
                "kind": data["kind"],
                "province": province,
                "commune": data["commune"],
                "street_address": data["street"],
                "phone": data["phone"],
                "email": data["email"],
                "website": data["website"],
                "year_founded": data["year_founded"],
                "member_count": data["member_count"],
                **translated("description", data["description"]),
            },
        )
        self.report.count("cooperatives", created)
        stall = data["stall"]
        storefront, created = Storefront.objects.get_or_create(
            cooperative=cooperative,
            defaults={
                "slug": stall["slug"],
                **translated("name", stall["name"]),
                **translated("tagline", stall["tagline"]),
                **translated("about", stall["about"]),
            },
        )
        self.report.count("stalls", created)
        if created:
            Membership.objects.get_or_create(
                user=owner, cooperative=cooperative, defaults={"role": Membership.Role.OWNER}
            )
            workflow.submit_application(storefront, owner)
            if approved:
                workflow.approve_storefront(storefront, self.staff)
            self.load_shipping_policy(storefront)
        return storefront

    def load_shipping_policy(self, storefront):
        """Believable and varied: every stall delivers in Vietnam, about half free over a threshold, some abroad."""
        index = storefront.pk
        ShippingPolicy.objects.get_or_create(
            storefront=storefront,
            defaults={
                "rate_in_region": 20_000 + 5_000 * (index % 3),
                "rate_other_regions": 35_000 + 5_000 * (index % 4),
                "rate_abroad": 450_000 if index % 3 == 0 else None,
                "free_over": 500_000 if index % 2 == 0 else None,
                "allows_pickup": index % 4 != 1,
            },
        )

    def load_owner(self, data):
        """Each demo cooperative has its own owner account, which cannot log in (no usable password)."""
        owner, created = get_user_model().objects.get_or_create(
            email=f"{data['key']}@chohtx.example.vn", defaults={"username": data["key"][:150]}
        )
        if created:
            owner.set_unusable_password()
            owner.save()
        return owner

    def load_product(self, data, storefront, colour, goods, services):
        category, group_index = self.categories[data["category"]]
        product, created = Product.objects.get_or_create(
            upc=data["sku"],
            defaults={
                "storefront": storefront,
                "product_class": services if group_index == TOURISM_GROUP else goods,
                "unit": data["unit"],
                "origin_province": storefront.cooperative.province,
                "origin_area": storefront.cooperative.commune,
                "is_public": True,
                **translated("title", data["title"]),
                **translated("description", paragraphs(data["description"])),
            },
        )
        self.report.count("products", created)
        if created:
            ProductCategory.objects.create(product=product, category=category)
            StockRecord.objects.create(
                product=product,
                partner=storefront.partner,
                partner_sku=data["sku"],
                price_currency="VND",
                price=Decimal(data["price"]),
                num_in_stock=data["stock"],
            )
        if not product.images.exists():
            picture = draw_product_image(data["title"]["vi"], picture_kind(data), colour)
            ProductImage.objects.create(
                product=product,
                caption=data["title"]["vi"],
                display_order=0,
                original=ContentFile(picture, name=f"{data['sku'].lower()}.jpg"),
            )
            self.report.count("images", True)

    def load_ocop_certificates(self):
        """Each demo certificate, found by its number: declared by its stall's owner, then verified by the demo's
        union staff member through ocop.workflow (the decision is recorded as for a real one). Issued four months
        before the first load, so it stays valid for the 36 months a certificate lasts."""
        issued = timezone.localdate() - datetime.timedelta(days=120)
        for data in demo_data.ocop_certificates():
            live = OcopCertificate.objects.exclude(status=OcopCertificate.Status.REJECTED)
            if live.filter(certificate_number=data["number"]).exists():
                continue
            products = list(Product.objects.filter(upc__in=data["skus"]))
            storefront = products[0].storefront
            owner = storefront.cooperative.memberships.filter(role=Membership.Role.OWNER).first()
            central = data["stars"] == 5
            certificate = OcopCertificate(
                storefront=storefront,
                stars=data["stars"],
                score=data["score"],
                certificate_number=data["number"],
                decision_number=data["decision"],
                decision_date=issued,
                issuing_level=OcopCertificate.Level.CENTRAL if central else OcopCertificate.Level.PROVINCE,
                issuing_province=None if central else storefront.cooperative.province,
                issue_date=issued,
                submitted_by=owner.user if owner else None,
            )
            certificate.full_clean()
            certificate.save()
            certificate.products.set(products)
            ocop_workflow.verify_certificate(certificate, self.staff)
            self.report.count("OCOP certificates", True)

    def load_accounts(self):
        """The demo's union staff member, cooperative member and consumer; returns (staff, member)."""
        User = get_user_model()
        users = {}
        for account in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=account.email, defaults={"username": account.email.split("@")[0]}
            )
            self.report.count("accounts", created)
            if created:
                user.set_password(account.password)
                user.is_staff = account.role == "union staff"
                user.save()
                if user.is_staff:
                    user.groups.add(self.load_union_staff_group(), ensure_content_editors_group())
            users[account.role] = user
        return users["union staff"], users["cooperative member"]

    def load_union_staff_group(self):
        return ensure_union_staff_group()
