"""Load the benchmark marketplace (built by generate.py) through gunicorn and report each page's figures.

    .venv/bin/python bench/perf/run.py [--cache off,on] [--seconds 30] [--rate 20] [--only product,stall] [--label x]

For each cache setting (the anonymous page cache off, then on, both with Redis as Django's cache), gunicorn is
started with 2 × cores + 1 sync workers on 127.0.0.1 and every page is loaded twice: at a fixed rate (``--rate``
requests a second, open loop, latency counted from when each request was due) and as fast as it answers (wrk,
``--connections`` connections). Then shoppers add to their baskets at the fixed rate, and buyers check out with
cash on delivery for ``--checkout-seconds``; afterwards every stock record is checked for overselling. Each page
address is requested once before measuring, as on a site that is being visited: with the page cache on, the page is
kept; with it off, what the site keeps for a minute or more (a category's count, a search's facets, the typo
vocabulary, the product cards) is warm. ``--cold`` skips that, to see a site right after its cache was emptied.

Prints a table and writes it, with every figure, to var/bench/results/<time>-<label>.{json,md}. Each measurement
waits (up to --max-wait) for the 1-minute load average to fall below --max-load, records it before and after, and
counts the CPU time the gunicorn workers and the database's backends spent per request: unlike latency, that cost
does not depend on what else the machine is doing. Search goes through the database backend unless
--elasticsearch-url names a cluster already holding the index, or --engine starts the machine's OpenSearch 2.19
node (catalog/search/engine/node.py), rebuilds the index on it (the time of the full reindex with its alias swap is
printed and saved) and reports the node's memory after the measurements.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import environment  # noqa: E402
import load  # noqa: E402
import server  # noqa: E402

PAGES = ["home", "category", "product", "stall", "search page", "search API"]
SEARCHES = [
    {"q": "mat ong"},
    {"q": "mat ong rung", "ocop_stars": "4"},
    {"q": "ca phe robusta", "sort": "price_asc"},
    {"q": "nuoc mam phu quoc"},
    {"q": "tra shan tuyet", "in_stock": "1"},
    {"q": "gao st25", "price_min": "100000", "price_max": "299999"},
    {"q": "khan tho cam"},
    {"q": "nuoc mamm phu quok"},  # typos
    {"q": "hat dieu", "sort": "newest"},
    {"category": "mat-ong", "ocop_stars": "3"},
    {"category": "do-uong", "sort": "price_desc"},
    {"q": "xoai say", "page": "3"},
]


def pick_addresses(seed=3):
    """The addresses each page scenario cycles through, chosen from the bench catalogue with a fixed seed."""
    from django.utils import translation
    from oscar.core.loading import get_model

    from storefronts.models import Province, Storefront

    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    rng = random.Random(seed)
    with translation.override("vi"):
        categories = [category.get_absolute_url() for category in Category.objects.order_by("path")]
        category_paths = [*categories, *(f"{url}?page=2" for url in categories), f"{categories[1]}?sort_by=price-asc"]
        product_ids = list(Product.objects.browsable().values_list("pk", flat=True))
        products = [
            p.get_absolute_url()
            for p in Product.objects.filter(pk__in=rng.sample(product_ids, min(300, len(product_ids))))
        ]
        stalls = list(Storefront.objects.public().order_by("pk"))
        chosen = rng.sample(stalls, min(100, len(stalls)))
        biggest = max(stalls, key=lambda stall: stall.products.count())
        stall_paths = [s.get_absolute_url() for s in chosen] + [biggest.get_absolute_url() + "?page=2"]
        provinces = list(Province.objects.values_list("slug", flat=True))
    searches = []
    for index, params in enumerate(SEARCHES):
        params = dict(params)
        if index % 3 == 1:
            params["province"] = rng.choice(provinces)
        searches.append(params)
    from urllib.parse import urlencode

    return {
        "home": ["/vi/", "/en/"],
        "category": category_paths,
        "product": products,
        "stall": stall_paths,
        "search page": [f"/vi/search/?{urlencode(params)}" for params in searches],
        "search API": [f"/vi/api/search/?{urlencode(params)}" for params in searches],
    }


def checkout_products(seed=4, count=40, scarce=10):
    """Products for the buyers, their stock reset to known amounts: most plentiful, ``scarce`` of them with 4 units,
    so that some sell out during the run and oversell would show. Returns [{pk, url, stockrecord}]."""
    from django.utils import translation
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    rng = random.Random(seed)
    candidates = list(
        Product.objects.browsable()
        .filter(structure="standalone", product_class__slug="hang-hoa-htx", stockrecords__num_in_stock__gt=0)
        .values_list("pk", flat=True)
    )
    chosen = list(Product.objects.filter(pk__in=rng.sample(candidates, count)).order_by("pk"))
    products = []
    with translation.override("vi"):
        for index, product in enumerate(chosen):
            record = product.stockrecords.get()
            StockRecord.objects.filter(pk=record.pk).update(num_in_stock=4 if index < scarce else 500, num_allocated=0)
            products.append({"pk": product.pk, "url": product.get_absolute_url(), "stockrecord": record.pk})
    return products


def stock_check(products, since):
    """No stock record allocated past what is on hand, and each checkout product's allocation equals the units of
    the orders placed since ``since``."""
    from django.db.models import F, Sum
    from oscar.core.loading import get_model

    Line = get_model("order", "Line")
    StockRecord = get_model("partner", "StockRecord")
    ids = [product["stockrecord"] for product in products]
    oversold = StockRecord.objects.filter(num_allocated__gt=F("num_in_stock")).count()
    ordered = dict(
        Line.objects.filter(stockrecord_id__in=ids, order__date_placed__gte=since)
        .values_list("stockrecord_id")
        .annotate(units=Sum("quantity"))
    )
    allocated = dict(StockRecord.objects.filter(pk__in=ids).values_list("pk", "num_allocated"))
    mismatched = [pk for pk in ids if allocated.get(pk, 0) != ordered.get(pk, 0)]
    sold_out = StockRecord.objects.filter(pk__in=ids, num_allocated=F("num_in_stock")).count()
    return {
        "oversold_records": oversold,
        "allocation_mismatches": len(mismatched),
        "units_ordered": sum(ordered.values()),
        "records_sold_out": sold_out,
    }


def flush_redis():
    subprocess.run(["redis-cli", "-n", environment.REDIS.rsplit("/", 1)[1], "FLUSHDB"], check=True, capture_output=True)


def load_average():
    return round(os.getloadavg()[0], 2)


def measure_pages(site, addresses, options, cache_on, results):
    for page in PAGES:
        if options.only and page not in options.only:
            continue
        paths = addresses[page]
        if not options.cold:
            site.warm_up(paths, rounds=1)
        for kind in ("fixed", "wrk"):
            meter = begin(site, options)
            if kind == "fixed":
                result = load.fixed_rate(site.base, page, paths, options.rate, options.seconds)
            else:
                result = load.wrk(site.base, page, paths, options.seconds, options.connections)
            record(results, result, cache_on, meter, site)


def begin(site, options):
    """Wait (up to --max-wait seconds) for the machine to be quiet, then start counting CPU and memory."""
    deadline = time.monotonic() + options.max_wait
    time.sleep(options.pause)
    while load_average() > options.max_load and time.monotonic() < deadline:
        time.sleep(5)
    meter = server.CpuMeter(site, engine_pid=getattr(options, "engine_pid", None))
    meter.load_before = load_average()
    site.sampler.reset()
    meter.start()
    return meter


def record(results, result, cache_on, meter, site):
    app_seconds, database_seconds = meter.stop()
    engine_seconds = meter.engine_seconds()
    row = result.as_dict()
    row.update(
        cache="on" if cache_on else "off",
        load_before=meter.load_before,
        load_after=load_average(),
        app_cpu_ms_per_request=round(app_seconds * 1000 / max(result.requests, 1), 1),
        db_cpu_ms_per_request=round(database_seconds * 1000 / max(result.requests, 1), 1),
        engine_cpu_ms_per_request=(
            round(engine_seconds * 1000 / max(result.requests, 1), 1) if engine_seconds is not None else None
        ),
        peak_rss_mib=round(site.sampler.peak_rss / 1024),
        peak_pss_mib=round(site.sampler.peak_pss / 1024),
    )
    results.append(row)
    print(format_row(row), flush=True)


def format_row(row):
    rate = f"{row['rate']:.1f}"
    if "orders_per_second" in row:
        rate += f" ({row['orders_per_second']} orders/s)"
    return (
        f"| {row['name']} | {row['cache']} | {row['mode']} | {rate} | {row['p50_ms']} | {row['p95_ms']} | "
        f"{row['p99_ms']} | {row['errors']}/{row['requests']} | {row['cache_hits']} | "
        f"{row['app_cpu_ms_per_request']} + {row['db_cpu_ms_per_request']}{engine_cpu(row)} | {row['peak_rss_mib']} / "
        f"{row['peak_pss_mib']} | {row['load_before']} → {row['load_after']} |"
    )


def engine_cpu(row):
    engine = row.get("engine_cpu_ms_per_request")
    return f" + {engine} (engine)" if engine is not None else ""


HEADER = (
    "| page | page cache | load | req/s | p50 ms | p95 ms | p99 ms | errors | cache hits | CPU ms/req app + db (+ engine) "
    "| peak RSS / PSS MiB | load avg before → after |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=environment.DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=None, help="a free one unless given")
    parser.add_argument("--cache", default="off,on", help="off, on or off,on")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--buyers", type=int, default=12)
    parser.add_argument("--checkout-seconds", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="measure without first visiting every address")
    parser.add_argument("--only", type=lambda text: [part.strip() for part in text.split(",")], default=None)
    parser.add_argument("--pause", type=float, default=3, help="seconds of quiet before each measurement")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for the 1-minute load to fall below this")
    parser.add_argument("--max-wait", type=float, default=90, help="but no longer than this many seconds")
    parser.add_argument("--workers", type=int, default=server.WORKERS)
    parser.add_argument("--label", default="run")
    parser.add_argument(
        "--elasticsearch-url",
        default="",
        help="search through this cluster (index it first: ELASTICSEARCH_URL=... manage.py search_index rebuild)",
    )
    parser.add_argument("--engine", action="store_true", help="search through the machine's OpenSearch node")
    options = parser.parse_args()

    environment.setup_django(options.database)
    server.collect_static(options.database)
    if options.engine:
        from catalog.search.engine import node as engine_node

        engine = engine_node.acquire()
        options.elasticsearch_url = engine.url
        options.engine_pid = engine.pid  # its CPU per request is reported beside the app's and the database's
        try:
            options.reindex_seconds = engine_reindex(engine.url)
            run(options)
        finally:
            print("   node memory:", json.dumps(engine_node.memory(engine)), flush=True)
            engine_node.release()
        return
    run(options)


def engine_reindex(url):
    """Every product into a new index on the engine, the alias swapped onto it; the seconds it took."""
    from django.test.utils import override_settings

    from catalog.search.indexing import rebuild

    with override_settings(ELASTICSEARCH_URL=url, SEARCH_BACKEND="elasticsearch"):
        started = time.perf_counter()
        indexed, expected = rebuild()
        seconds = time.perf_counter() - started
    print(f"   reindex: {indexed}/{expected} products in {seconds:.1f} s (alias swapped)", flush=True)
    return round(seconds, 1)


def run(options):
    addresses = pick_addresses()
    warm = [paths[0] for paths in addresses.values()] * 3
    results = []
    print(HEADER, flush=True)
    for setting in options.cache.split(","):
        cache_on = setting.strip() == "on"
        flush_redis()
        with server.Site(
            options.database,
            port=options.port,
            workers=options.workers,
            cache_url=environment.REDIS,
            page_cache_seconds=60 if cache_on else 0,
            extra={"ELASTICSEARCH_URL": options.elasticsearch_url} if options.elasticsearch_url else None,
        ) as site:
            site.warm_up(warm)
            measure_pages(site, addresses, options, cache_on, results)
            if not options.only or "add to basket" in options.only:
                products = checkout_products()
                meter = begin(site, options)
                result = load.add_to_basket(site.base, products, options.rate, options.seconds)
                record(results, result, cache_on, meter, site)
            if not options.only or "checkout" in options.only:
                products = checkout_products()
                province = province_id()
                meter = begin(site, options)
                since = datetime.now(UTC)
                result = load.checkout_buyers(site.base, products, province, options.checkout_seconds, options.buyers)
                result.extra.update(stock_check(products, since))
                result.extra.pop("order_numbers")
                record(results, result, cache_on, meter, site)
                print("   checkout:", json.dumps({k: v for k, v in results[-1].items() if k not in ("statuses",)}))
    save(results, options)


def province_id():
    from storefronts.models import Province

    return Province.objects.get(slug="ho-chi-minh-city").pk


def save(results, options):
    environment.RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    base = environment.RESULTS / f"{stamp}-{options.label}"
    meta = {"options": vars(options), "cpus": os.cpu_count(), "workers": options.workers}
    base.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False))
    base.with_suffix(".md").write_text(HEADER + "\n" + "\n".join(format_row(row) for row in results) + "\n")
    print(f"Saved {base}.json and .md")


if __name__ == "__main__":
    main()
