"""Search benchmark: 100,000 synthetic products indexed by both backends, then typical queries timed.

    .venv/bin/python bench/search/run.py [--products 100000] [--repeat 20]

It builds its own SQLite database in a temporary folder (migrations, then products written with bulk_create), so it
never touches var/db.sqlite3. The engine is the machine's OpenSearch 2.19 node (catalog/search/engine/node.py),
started here, unless ELASTICSEARCH_URL is set. It reports the time to build the records from the database, the time
each backend takes to index them (a full rebuild with alias swap), the p50/p95/p99 latency of each typical query and
suggestion and of all of them together, and the node's memory. Never part of the test run. relevance.py beside it
reports recall@5 and MRR@10 of the relevance set per backend.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Parallel word lists: (Vietnamese, English, Chinese).
KINDS = [
    ("Mật ong", "honey", "蜂蜜", "mat-ong"),
    ("Nước mắm", "fish sauce", "鱼露", "nuoc-mam-gia-vi"),
    ("Trà", "tea", "茶", "tra"),
    ("Cà phê", "coffee", "咖啡", "ca-phe"),
    ("Gạo", "rice", "大米", "gao-ngu-coc"),
    ("Hạt điều", "cashews", "腰果", "trai-cay-say-an-vat"),
    ("Khô cá", "dried fish", "鱼干", "dac-san-thit-hai-san"),
    ("Rượu", "liquor", "酒", "ruou-truyen-thong"),
    ("Khăn thổ cẩm", "brocade scarf", "织锦围巾", "tho-cam"),
    ("Bình gốm", "ceramic vase", "陶瓷花瓶", "gom-su"),
    ("Giỏ cói", "sedge basket", "莞草篮", "may-tre-dan"),
    ("Tinh dầu", "essential oil", "精油", "tinh-dau-my-pham"),
]
QUALITIES = [
    ("rừng", "wild", "野生"),
    ("hữu cơ", "organic", "有机"),
    ("đặc biệt", "premium", "特级"),
    ("truyền thống", "traditional", "传统"),
    ("sấy lạnh", "freeze-dried", "冻干"),
    ("thủ công", "handmade", "手工"),
    ("hoa cà phê", "coffee blossom", "咖啡花"),
    ("cổ thụ", "ancient tree", "古树"),
]
PLACES = [
    ("U Minh", "U Minh", "乌明"),
    ("Phú Quốc", "Phu Quoc", "富国"),
    ("Đà Lạt", "Da Lat", "大叻"),
    ("Buôn Ma Thuột", "Buon Ma Thuot", "邦美蜀"),
    ("Sa Pa", "Sa Pa", "沙坝"),
    ("Hội An", "Hoi An", "会安"),
    ("Tháp Mười", "Thap Muoi", "塔梅"),
    ("Bát Tràng", "Bat Trang", "钵场"),
    ("Kim Sơn", "Kim Son", "金山"),
    ("Hà Giang", "Ha Giang", "河江"),
]
SIZES = ["250 g", "500 g", "1 kg", "250 ml", "500 ml", "1 lít", "hộp quà"]

QUERIES = [
    ("vi", "mat ong", {}),
    ("vi", "nuoc mam phu quoc", {}),
    ("vi", "tra co thu ha giang", {}),
    ("vi", "nuoc mamm phu quok", {}),  # typos
    ("en", "wild honey", {}),
    ("zh-hans", "野生蜂蜜", {}),
    ("vi", "ca phe", {"province": "dak-lak", "sort": "price_asc"}),
    ("vi", "", {"category": "mat-ong", "ocop_stars": 4}),
    ("vi", "", {"sort": "newest", "page": 40}),
]
SUGGESTIONS = [("vi", "mat o"), ("vi", "ong ru"), ("en", "wild h")]


def setup_django(database_path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ["CACHE_URL"] = "locmemcache://"
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)


def create_catalogue(count, seed=7):
    """Stalls (one per place), categories from the demo tree, and ``count`` products written in bulk."""
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import transaction
    from oscar.core.loading import get_model

    from ocop.models import OcopCertificate
    from shop.demo import data as demo_data
    from storefronts.models import Cooperative, Province, Storefront

    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")

    call_command("seed_reference_data", verbosity=0)
    rng = random.Random(seed)
    with transaction.atomic():
        categories = {}
        for group in demo_data.categories():
            root = Category.add_root(slug=group["key"], name=group["name"]["vi"], name_en=group["name"]["en"])
            for child in group["children"]:
                categories[child["key"]] = root.add_child(
                    slug=child["key"], name=child["name"]["vi"], name_en=child["name"]["en"]
                )
                root.refresh_from_db()
        goods = ProductClass.objects.create(name="Hàng hóa HTX", slug="hang-hoa-htx", track_stock=True)
        provinces = list(Province.objects.all())
        stalls = []
        for index, (place_vi, place_en, place_zh) in enumerate(PLACES):
            province = provinces[index % len(provinces)] if index else Province.objects.get(slug="dak-lak")
            cooperative = Cooperative.objects.create(
                name=f"Hợp tác xã {place_vi}",
                registration_number=f"{4000000000 + index}",
                province=province,
                commune=place_vi,
                phone="0912345678",
                email=f"htx{index}@bench.example.vn",
            )
            partner = Partner.objects.create(name=place_vi, code=f"bench-{index}")
            stalls.append(
                Storefront.objects.create(
                    cooperative=cooperative,
                    partner=partner,
                    slug=f"gian-hang-{index}",
                    name=f"Gian hàng {place_vi}",
                    name_en=f"{place_en} stall",
                    name_zh_hans=f"{place_zh}店",
                    status=Storefront.Status.APPROVED,
                )
            )
        products, picks = [], []
        for number in range(count):
            kind = rng.choice(KINDS)
            quality = rng.choice(QUALITIES)
            place_index = rng.randrange(len(PLACES))
            place = PLACES[place_index]
            size = rng.choice(SIZES)
            title = f"{kind[0]} {quality[0]} {place[0]}, {size}"
            products.append(
                Product(
                    structure="standalone",
                    upc=f"BENCH-{number:06d}",
                    slug=f"san-pham-{number}",
                    title=title,
                    title_vi=title,
                    title_en=f"{place[1]} {quality[1]} {kind[1]}, {size}",
                    title_zh_hans=f"{place[2]}{quality[2]}{kind[2]} {size}",
                    description_vi=f"<p>{title}: sản phẩm của {place[0]}, làm theo cách {quality[0]}.</p>",
                    description_en=f"<p>{kind[1].capitalize()} from {place[1]}, {quality[1]}.</p>",
                    storefront=stalls[place_index],
                    product_class=goods,
                    is_public=True,
                )
            )
            picks.append((kind[3], rng.randrange(20, 2000) * 1000, rng.choice([0, 5, 20, 100])))
        Product.objects.bulk_create(products, batch_size=2000)
        products = list(Product.objects.order_by("pk"))
        ProductCategory.objects.bulk_create(
            [ProductCategory(product=p, category=categories[pick[0]]) for p, pick in zip(products, picks, strict=True)],
            batch_size=5000,
        )
        partners = {stall.pk: stall.partner_id for stall in stalls}
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p,
                    partner_id=partners[p.storefront_id],
                    partner_sku=p.upc,
                    price_currency="VND",
                    price=Decimal(pick[1]),
                    num_in_stock=pick[2],
                )
                for p, pick in zip(products, picks, strict=True)
            ],
            batch_size=5000,
        )
        for stars, share in ((3, 40), (4, 60), (5, 200)):
            certificate = OcopCertificate.objects.create(
                storefront=stalls[0],
                stars=stars,
                score={3: 60, 4: 80, 5: 95}[stars],
                certificate_number=f"BENCH-{stars}",
                decision_number=f"QD-{stars}",
                decision_date=date(2025, 1, 1),
                issuing_level="central" if stars == 5 else "province",
                issuing_province=None if stars == 5 else stalls[0].cooperative.province,
                issue_date=date(2025, 1, 1),
                status="verified",
            )
            through = OcopCertificate.products.through
            through.objects.bulk_create(
                [through(ocopcertificate=certificate, product=p) for p in products[stars::share]], batch_size=5000
            )


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(repeat):
    from django.http import QueryDict

    from catalog.search.queries import parse_search
    from catalog.search.service import search_products, suggest_products

    rows, every = [], []
    for language, text, params in QUERIES:
        query_params = QueryDict(mutable=True)
        query_params.update({"q": text, **{key: str(value) for key, value in params.items()}})
        query = parse_search(query_params, language)
        search_products(query)  # warm-up
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            results = search_products(query)
            samples.append((time.perf_counter() - started) * 1000)
        every += samples
        rows.append((f"{language} {text!r} {params or ''}", results.count, samples))
    for language, text in SUGGESTIONS:
        suggest_products(text, language)
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            suggestions = suggest_products(text, language)
            samples.append((time.perf_counter() - started) * 1000)
        every += samples
        rows.append((f"suggest {language} {text!r}", len(suggestions), samples))
    return rows, every


def report(backend, indexing_seconds, rows, every):
    print(f"\n== {backend}: indexed in {indexing_seconds:.1f} s")
    print(f"{'query':<58} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, hits, samples in rows:
        figures = (
            f"{statistics.median(samples):>8.1f} {percentile(samples, 0.95):>8.1f} {percentile(samples, 0.99):>8.1f}"
        )
        print(f"{label[:58]:<58} {hits:>7} {figures}")
    figures = f"{statistics.median(every):>8.1f} {percentile(every, 0.95):>8.1f} {percentile(every, 0.99):>8.1f}"
    print(f"{'all queries':<58} {'':>7} {figures}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    setup_django(workdir / "bench.sqlite3")
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    from catalog.search.backends.database import DatabaseBackend
    from catalog.search.records import build_records

    settings.MEDIA_ROOT = workdir / "media"
    print(f"Database in {workdir}; migrating...", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with override_settings(SEARCH_BACKEND="database", ELASTICSEARCH_URL=""):
        create_catalogue(options.products)
    print(f"Created {options.products} products in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    records = list(build_records())
    print(f"Built {len(records)} records from the database in {time.perf_counter() - started:.1f} s", flush=True)

    with override_settings(SEARCH_BACKEND="database", ELASTICSEARCH_URL=""):
        started = time.perf_counter()
        DatabaseBackend().rebuild(records)
        report("database (SQLite)", time.perf_counter() - started, *measure(options.repeat))

    url = os.environ.get("ELASTICSEARCH_URL", "")
    node = None
    if not url:
        from catalog.search.engine import node as engine_node

        node = engine_node.acquire()
        url = node.url
    try:
        with override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=url):
            from catalog.search.backends.elasticsearch import ElasticsearchBackend

            started = time.perf_counter()
            ElasticsearchBackend().rebuild(records)
            label = "OpenSearch 2.19 (this machine's node)" if node else f"engine at {url}"
            report(label, time.perf_counter() - started, *measure(options.repeat))
            if node:
                print(f"node memory: {engine_node.memory(node)}")
    finally:
        if node:
            engine_node.release()


if __name__ == "__main__":
    main()
