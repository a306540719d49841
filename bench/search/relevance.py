"""Relevance of each search backend on the demo catalogue: recall@5 and MRR@10 of the relevance set.

    .venv/bin/python bench/search/relevance.py

The set is tests/catalog/search/test_relevance.py's (the test asserts every case; this reports how well):
recall@5 is the share of positive cases with an expected product among the first five, MRR@10 the mean of 1/rank of
the first expected product within the first ten (0 when absent), and the negative cases count those whose unwanted
product stays out of the first ten. It loads the demo marketplace into its own SQLite database in a temporary folder,
with the tests' OCOP certificates, and searches the database backend and the machine's OpenSearch node (or
ELASTICSEARCH_URL). Never part of the test run.
"""

import os
import tempfile
import time
from io import StringIO
from pathlib import Path

from run import setup_django  # the same Django set-up as the speed benchmark beside it

ROOT = Path(__file__).resolve().parents[2]
TOP, DEPTH = 5, 10


def load_demo(workdir):
    from django.conf import settings
    from django.core.management import call_command

    from tests.catalog.search.conftest import DEMO_CERTIFICATES, certify

    settings.MEDIA_ROOT = workdir / "media"
    settings.PRIVATE_MEDIA_ROOT = workdir / "private"
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    for number, (upc, stars, province) in enumerate(DEMO_CERTIFICATES, start=1):
        certify(upc, stars, province, number)


def ranked(text, language, upc_of):
    from catalog.search.queries import SearchQuery
    from catalog.search.service import search_products

    return [upc_of[hit.id] for hit in search_products(SearchQuery(text=text, language=language)).hits[:DEPTH]]


def score(upc_of):
    from tests.catalog.search.test_relevance import NEGATIVE_SET, RELEVANCE_SET, expected

    found, reciprocal, misses = 0, 0.0, []
    started = time.perf_counter()
    for language, text, upc in RELEVANCE_SET:
        top = ranked(text, language, upc_of)
        wanted = expected(upc)
        ranks = [rank for rank, got in enumerate(top, start=1) if got in wanted]
        if ranks and ranks[0] <= TOP:
            found += 1
        else:
            misses.append(f"{language}:{text}")
        reciprocal += 1 / ranks[0] if ranks else 0
    kept_out = sum(upc not in ranked(text, language, upc_of) for language, text, upc in NEGATIVE_SET)
    seconds = time.perf_counter() - started
    count = len(RELEVANCE_SET)
    return {
        "recall@5": round(found / count, 3),
        "MRR@10": round(reciprocal / count, 3),
        "negatives kept out": f"{kept_out}/{len(NEGATIVE_SET)}",
        "queries": count + len(NEGATIVE_SET),
        "seconds": round(seconds, 1),
        "missed": misses,
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="search-relevance-"))
    setup_django(workdir / "relevance.sqlite3")
    from django.test.utils import override_settings
    from oscar.core.loading import get_model

    from catalog.search.backends.database import DatabaseBackend
    from catalog.search.records import build_records

    print(f"Demo catalogue into {workdir}...", flush=True)
    load_demo(workdir)
    Product = get_model("catalogue", "Product")
    upc_of = dict(Product.objects.values_list("pk", "upc"))
    records = list(build_records())

    with override_settings(SEARCH_BACKEND="database", ELASTICSEARCH_URL=""):
        DatabaseBackend().rebuild(records)
        print("database:", score(upc_of), flush=True)

    url = os.environ.get("ELASTICSEARCH_URL", "")
    node = None
    if not url:
        from catalog.search.engine import node as engine_node

        node = engine_node.acquire()
        url = node.url
    try:
        alias = f"chohtx-relevance-{os.getpid()}"
        with override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=url, SEARCH_INDEX_ALIAS=alias):
            from catalog.search.backends.elasticsearch import ElasticsearchBackend

            engine = ElasticsearchBackend()
            engine.rebuild(records)
            try:
                print("engine:", score(upc_of), flush=True)
            finally:
                engine.client.indices.delete(index=f"{alias}-*")
    finally:
        if node:
            engine_node.release()


if __name__ == "__main__":
    main()
