"""Build the benchmark marketplace: 100,000 products across 500 approved stalls in a PostgreSQL database of its own.

    .venv/bin/python bench/perf/generate.py [--products 100000] [--stalls 500] [--seed 11] [--database cho_htx_bench]

The database is dropped and created again, migrated, given its reference data (provinces, countries, the home page),
then filled with bulk_create: cooperatives in every province, each with an approved stall, a partner and a shipping
policy; categories from the demo tree; products with prices, stock, pictures (a few shared files with their
thumbnails), some with variants, reviews and OCOP certificates (some expired or still unverified). The same seed
gives the same catalogue: names, prices, stock, who sells what and every relation. Creation dates are counted back
from a fixed day and certificate dates from today, so the share of valid certificates does not drift with time.

The database search index is rebuilt at the end (ELASTICSEARCH_URL is ignored here: see bench/README.md for the
Elasticsearch backend). Never part of the test run.
"""

import argparse
import io
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import environment  # noqa: E402
import words  # noqa: E402

FIRST_DAY = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # the newest product's creation time
PARENT_SHARE = 0.03  # products sold in several sizes (a parent with variants)
PICTURELESS_SHARE = 0.05
REVIEWED_SHARE = 0.05
CERTIFIED_STALL_SHARE = 0.3
BATCH = 5000


def recreate_database(name):
    import psycopg

    with psycopg.connect(f"{environment.POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def timed(label):
    """Print how long a step took."""

    class Step:
        def __enter__(self):
            self.started = time.perf_counter()
            print(f"{label}...", end=" ", flush=True)

        def __exit__(self, *exc):
            print(f"{time.perf_counter() - self.started:.1f} s", flush=True)

    return Step()


def stall_sizes(rng, products, stalls):
    """How many products each stall sells: a long tail, as on any marketplace (a few stalls with thousands of
    products, most with a few dozen), summing exactly to ``products``."""
    weights = [rng.paretovariate(1.2) for _ in range(stalls)]
    total = sum(weights)
    sizes = [max(1, int(products * weight / total)) for weight in weights]
    largest = max(range(stalls), key=sizes.__getitem__)
    sizes[largest] += products - sum(sizes)
    if sizes[largest] < 1:
        raise SystemExit("Too few products for that many stalls.")
    return sizes


class Generator:
    def __init__(self, seed, products, stalls):
        from oscar.core.loading import get_model

        self.rng = random.Random(seed)
        self.product_count = products
        self.stall_count = stalls
        self.Category = get_model("catalogue", "Category")
        self.Partner = get_model("partner", "Partner")
        self.Product = get_model("catalogue", "Product")
        self.ProductCategory = get_model("catalogue", "ProductCategory")
        self.ProductClass = get_model("catalogue", "ProductClass")
        self.ProductImage = get_model("catalogue", "ProductImage")
        self.ProductReview = get_model("reviews", "ProductReview")
        self.StockRecord = get_model("partner", "StockRecord")

    def run(self):
        from django.db import transaction

        with transaction.atomic():
            with timed("Categories and pictures"):
                self.categories = self.make_categories()
                self.pictures = self.make_pictures()
            with timed(f"{self.stall_count} cooperatives and stalls"):
                self.stalls = self.make_stalls()
            with timed(f"{self.product_count} products with variants, stock, pictures and categories"):
                self.make_products()
            with timed("Reviews and OCOP certificates"):
                self.make_reviews()
                self.make_certificates()

    # --- Categories and pictures --------------------------------------------------------------------------------

    def make_categories(self):
        from shop.demo import data as demo_data

        leaves = {}
        for group_index, group in enumerate(demo_data.categories()):
            root = self.Category.add_root(slug=group["key"], **translated("name", group["name"]))
            for child in group["children"]:
                leaves[child["key"]] = (
                    root.add_child(slug=child["key"], **translated("name", child["name"])),
                    group_index,
                )
                root.refresh_from_db()
        self.goods = self.ProductClass.objects.create(
            name="Hàng hóa HTX", slug="hang-hoa-htx", requires_shipping=True, track_stock=True
        )
        self.services = self.ProductClass.objects.create(
            name="Dịch vụ du lịch", slug="dich-vu-du-lich", requires_shipping=False, track_stock=True
        )
        return leaves

    def make_pictures(self):
        """One shared picture per kind of goods (stored once, thumbnails made once); products point at them."""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from shop.demo.images import KIND_OF_CATEGORY, draw_product_image
        from shop.uploads import thumbnails

        pictures = {}
        colours = ["#2e7d32", "#8d6e63", "#1565c0", "#c62828", "#6a1b9a", "#ef6c00"]
        for key, kinds in words.KINDS.items():
            group_index = self.categories[key][1]
            for kind in kinds:
                name = f"bench/{kind[3]}.jpg"
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(
                    name, ContentFile(draw_product_image(kind[0], KIND_OF_CATEGORY[key], colours[group_index]))
                )
                thumbnails.make_thumbnails(StoredPicture(saved))
                pictures[kind[3]] = saved
        return pictures

    # --- Cooperatives and stalls --------------------------------------------------------------------------------

    def make_stalls(self):
        from shop.fulfilment.models import ShippingPolicy
        from storefronts.models import Cooperative, Province, Storefront

        rng = self.rng
        provinces = list(Province.objects.order_by("slug"))
        cooperatives, partners, trades = [], [], []
        for number in range(self.stall_count):
            province = rng.choice(provinces)
            place = rng.choice(words.PLACES)
            trade = rng.choice(words.COOPERATIVE_TRADES)
            trades.append((trade, place))
            cooperatives.append(
                Cooperative(
                    name=f"Hợp tác xã {trade[0]} {place[0]} {number + 1}",
                    short_name=f"HTX {place[0]} {number + 1}",
                    registration_number=f"{5_000_000_000 + number}",
                    kind=rng.choice(["agricultural", "agricultural", "non_agricultural", "union", "group"]),
                    province=province,
                    commune=f"Xã {place[0]}",
                    street_address=f"Thôn {rng.randint(1, 12)}",
                    phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                    email=f"htx{number + 1}@bench.example.vn",
                    year_founded=rng.randint(1995, 2024),
                    member_count=rng.randint(7, 400),
                    description=f"Hợp tác xã {trade[0].lower()} ở {place[0]}, {province.name}.",
                    description_vi=f"Hợp tác xã {trade[0].lower()} ở {place[0]}, {province.name}.",
                    description_en=f"{trade[1]} cooperative in {place[1]}.",
                )
            )
            partners.append(self.Partner(name=f"HTX {place[0]} {number + 1}", code=f"bench-{number + 1}"))
        cooperatives = Cooperative.objects.bulk_create(cooperatives, batch_size=BATCH)
        partners = self.Partner.objects.bulk_create(partners, batch_size=BATCH)
        stalls = []
        for number, (cooperative, partner, (trade, place)) in enumerate(
            zip(cooperatives, partners, trades, strict=True)
        ):
            name = f"Đặc sản {place[0]} {number + 1}"
            stalls.append(
                Storefront(
                    cooperative=cooperative,
                    partner=partner,
                    slug=f"dac-san-{slugify(place[1])}-{number + 1}",
                    name=name,
                    name_vi=name,
                    name_en=f"{place[1]} specialities {number + 1}",
                    name_zh_hans=f"{place[2]}特产{number + 1}",
                    tagline_vi=f"Sản phẩm {trade[0].lower()} từ {place[0]}",
                    tagline_en=f"{trade[1]} goods from {place[1]}",
                    about_vi=f"Gian hàng của {cooperative.name}, bán trực tiếp từ {place[0]}.",
                    about_en=f"The stall of a {trade[1].lower()} cooperative, selling straight from {place[1]}.",
                    status=Storefront.Status.APPROVED,
                )
            )
        stalls = Storefront.objects.bulk_create(stalls, batch_size=BATCH)
        ShippingPolicy.objects.bulk_create(
            [
                ShippingPolicy(
                    storefront=stall,
                    rate_in_region=20_000 + 5_000 * (index % 3),
                    rate_other_regions=35_000 + 5_000 * (index % 4),
                    rate_abroad=450_000 if index % 3 == 0 else None,
                    free_over=500_000 if index % 2 == 0 else None,
                    allows_pickup=index % 4 != 1,
                )
                for index, stall in enumerate(stalls)
            ]
        )
        for stall, cooperative in zip(stalls, cooperatives, strict=True):
            stall.cooperative = cooperative
        return stalls

    # --- Products -----------------------------------------------------------------------------------------------

    def make_products(self):
        rng = self.rng
        leaf_keys = list(words.KINDS)
        leaf_weights = [words.CATEGORY_WEIGHTS[key] for key in leaf_keys]
        sizes = stall_sizes(rng, self.product_count, self.stall_count)
        plans = []  # (product, category key, kind, stock plan) for every browsable product
        number = 0
        for stall, size in zip(self.stalls, sizes, strict=True):
            # A stall sells a few kinds of goods; its products are spread over them.
            trade = rng.choices(leaf_keys, weights=leaf_weights, k=rng.randint(1, 4))
            for _ in range(size):
                key = rng.choice(trade)
                plans.append(self.product_plan(number, stall, key))
                number += 1
        # Newest first is the default order; creation times are spread over two years, interleaving the stalls.
        rng.shuffle(plans)
        for index, plan in enumerate(plans):
            created = FIRST_DAY - timedelta(minutes=index * 10 + rng.randint(0, 9))
            plan["product"].date_created = plan["product"].date_updated = created
        with fixed_timestamps(self.Product):
            products = self.Product.objects.bulk_create([plan["product"] for plan in plans], batch_size=BATCH)
            children = []
            for product, plan in zip(products, plans, strict=True):
                for title, factor in plan["variants"]:
                    children.append(
                        self.Product(
                            structure="child",
                            parent=product,
                            title=title,
                            title_vi=title,
                            upc=f"{product.upc}-{len(children)}",
                            is_public=True,
                            date_created=product.date_created,
                            date_updated=product.date_updated,
                        )
                    )
                    plan.setdefault("children", []).append((children[-1], factor))
            self.Product.objects.bulk_create(children, batch_size=BATCH)
        self.ProductCategory.objects.bulk_create(
            [
                self.ProductCategory(product=product, category=self.categories[plan["category"]][0])
                for product, plan in zip(products, plans, strict=True)
            ],
            batch_size=BATCH,
        )
        records, images = [], []
        for product, plan in zip(products, plans, strict=True):
            partner_id = plan["stall"].partner_id
            if plan["variants"]:
                for child, factor in plan["children"]:
                    records.append(self.stock_record(child, partner_id, int(plan["price"] * factor), plan["stock"]))
            else:
                records.append(self.stock_record(product, partner_id, plan["price"], plan["stock"]))
            for order in range(plan["pictures"]):
                images.append(
                    self.ProductImage(
                        product=product, original=self.pictures[plan["kind"][3]], caption="", display_order=order
                    )
                )
        self.StockRecord.objects.bulk_create(records, batch_size=BATCH)
        self.ProductImage.objects.bulk_create(images, batch_size=BATCH)
        self.products = products
        self.plans = plans

    def product_plan(self, number, stall, key):
        rng = self.rng
        kind = rng.choice(words.KINDS[key])
        quality = rng.choice(words.QUALITIES)
        place = rng.choice(words.PLACES)
        size = rng.choice(words.SIZES)
        title = f"{kind[0]} {quality[0]} {place[0]}, {size}"
        service = key in ("homestay", "tour-trai-nghiem")
        parent = not service and rng.random() < PARENT_SHARE
        province = stall.cooperative.province
        product = self.Product(
            structure="parent" if parent else "standalone",
            upc=f"BENCH-{number:06d}",
            slug=f"{kind[3]}-{slugify(quality[1])}-{slugify(place[1])}-{number}",
            title=title,
            title_vi=title,
            title_en=f"{place[1]} {quality[1]} {kind[1]}, {size}",
            title_zh_hans=f"{place[2]}{quality[2]}{kind[2]} {size}",
            description_vi=(
                f"<p>{title}: sản phẩm của {stall.cooperative.name}, làm theo cách {quality[0]} ở {place[0]}.</p>"
                f"<p>Bảo quản nơi khô ráo, thoáng mát. Giao hàng toàn quốc.</p>"
            ),
            description_en=f"<p>{kind[1].capitalize()} from {place[1]}, {quality[1]}.</p>",
            product_class=self.services if service else self.goods,
            storefront=stall,
            unit=size,
            net_quantity=size if size[0].isdigit() else "",
            origin_province=province,
            origin_area=f"{place[0]}, {province.name}",
            is_public=rng.random() > 0.01,
        )
        stock = 0 if rng.random() < 0.05 else rng.randint(3, 500)
        pictures = 0 if rng.random() < PICTURELESS_SHARE else rng.choice([1, 1, 1, 2, 3])
        variants = words.VARIANT_SIZES[: rng.randint(2, 3)] if parent else []
        price = rng.randrange(20, 2000) * 1000
        return {
            "product": product,
            "stall": stall,
            "category": key,
            "kind": kind,
            "price": price,
            "stock": stock,
            "pictures": pictures,
            "variants": variants,
        }

    def stock_record(self, product, partner_id, price, stock):
        return self.StockRecord(
            product=product,
            partner_id=partner_id,
            partner_sku=product.upc,
            price_currency="VND",
            price=Decimal(price),
            num_in_stock=stock,
            num_allocated=0,
        )

    # --- Reviews and certificates -------------------------------------------------------------------------------

    def make_reviews(self):
        rng = self.rng
        reviews, rated = [], []
        for product in self.products:
            if rng.random() >= REVIEWED_SHARE:
                continue
            scores = [rng.choice([3, 4, 4, 5, 5, 5]) for _ in range(rng.randint(1, 6))]
            for index, score in enumerate(scores):
                reviews.append(
                    self.ProductReview(
                        product=product,
                        score=score,
                        title=rng.choice(words.REVIEW_TITLES),
                        body="Sản phẩm đúng như mô tả, đóng gói cẩn thận.",
                        name=f"Khách {index + 1}",
                        email=f"khach{index + 1}@bench.example.vn",
                        status=self.ProductReview.APPROVED,
                    )
                )
            product.rating = sum(scores) / len(scores)
            rated.append(product)
        self.ProductReview.objects.bulk_create(reviews, batch_size=BATCH)
        self.Product.objects.bulk_update(rated, ["rating"], batch_size=BATCH)

    def make_certificates(self):
        """Some stalls hold OCOP certificates for some of their products: mostly valid, some expired or unverified."""
        from ocop.models import OcopCertificate, add_months

        rng = self.rng
        today = date.today()
        by_stall = {}
        for product, plan in zip(self.products, self.plans, strict=True):
            by_stall.setdefault(plan["stall"].pk, []).append(product)
        certificates, links = [], []
        for stall in self.stalls:
            if rng.random() >= CERTIFIED_STALL_SHARE:
                continue
            own = by_stall.get(stall.pk, [])
            for _ in range(rng.randint(1, 3)):
                stars = rng.choice([3, 3, 4, 4, 5])
                issued = today - timedelta(days=rng.randint(30, 1400))  # some beyond 36 months: expired
                status = rng.choices(["verified", "submitted", "revoked"], weights=[85, 10, 5])[0]
                certificate = OcopCertificate(
                    storefront=stall,
                    stars=stars,
                    score={3: 60, 4: 80, 5: 95}[stars] + rng.randint(0, 9),
                    certificate_number=f"OCOP-{stall.pk}-{len(certificates)}",
                    decision_number=f"QĐ-{rng.randint(100, 9999)}/UBND",
                    decision_date=issued,
                    issuing_level="central" if stars == 5 else "province",
                    issuing_province=None if stars == 5 else stall.cooperative.province,
                    issue_date=issued,
                    expiry_date=add_months(issued, 36),
                    status=status,
                )
                certificates.append(certificate)
                chosen = rng.sample(own, min(len(own), rng.randint(1, 20)))
                links.append((certificate, chosen))
        OcopCertificate.objects.bulk_create(certificates, batch_size=BATCH)
        through = OcopCertificate.products.through
        rows = {(certificate.pk, product.pk) for certificate, chosen in links for product in chosen}
        through.objects.bulk_create(
            [through(ocopcertificate_id=certificate, product_id=product) for certificate, product in sorted(rows)],
            batch_size=BATCH,
        )


class StoredPicture:
    """A stored picture as shop.uploads.thumbnails reads an ImageField's file: its storage name and ``open()``."""

    def __init__(self, name):
        self.name = name

    def open(self, mode="rb"):
        from django.core.files.storage import default_storage

        return default_storage.open(self.name, mode)


class fixed_timestamps:
    """Lets bulk_create keep the creation and update times given (auto_now_add / auto_now would overwrite them)."""

    def __init__(self, model):
        self.fields = [model._meta.get_field("date_created"), model._meta.get_field("date_updated")]

    def __enter__(self):
        self.saved = [(field.auto_now, field.auto_now_add) for field in self.fields]
        for field in self.fields:
            field.auto_now = field.auto_now_add = False

    def __exit__(self, *exc):
        for field, (auto_now, auto_now_add) in zip(self.fields, self.saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def translated(field, texts):
    return {field: texts["vi"], **{f"{field}_{code.replace('-', '_')}": text for code, text in texts.items()}}


def slugify(text):
    from django.utils.text import slugify as django_slugify

    return django_slugify(text)


def rebuild_search_index():
    from catalog.search import indexing

    indexed, expected = indexing.rebuild()
    return indexed


def analyze(database, vacuum=True):
    import psycopg

    with psycopg.connect(environment.database_url(database), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--stalls", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database", default=environment.DEFAULT_DATABASE)
    options = parser.parse_args()

    started = time.perf_counter()
    with timed(f"Database {options.database} created and migrated"):
        recreate_database(options.database)
        environment.setup_django(options.database)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("seed_reference_data", verbosity=0, stdout=io.StringIO())
    Generator(options.seed, options.products, options.stalls).run()
    # Statistics first: without them PostgreSQL plans the indexer's batches as if the tables were empty (nested loops
    # over every product: 4.4 s a batch of 500 instead of 5 ms, the rebuild 15 minutes instead of a few).
    with timed("ANALYZE"):
        analyze(options.database, vacuum=False)
    with timed("Search index (database backend) rebuilt"):
        rebuild_search_index()
    with timed("VACUUM ANALYZE"):
        analyze(options.database)
    print(f"Done in {time.perf_counter() - started:.0f} s: {summary()}")


def summary():
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for label, table in [
            ("stalls", "storefronts_storefront"),
            ("products", "catalogue_product"),
            ("stock records", "partner_stockrecord"),
            ("pictures", "catalogue_productimage"),
            ("search entries", "catalogue_searchentry"),
            ("certificates", "ocop_ocopcertificate"),
        ]:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[label] = cursor.fetchone()[0]
    return ", ".join(f"{count} {label}" for label, count in counts.items())


if __name__ == "__main__":
    main()
