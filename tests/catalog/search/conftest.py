"""One behaviour suite, two backends: every test taking ``backend`` runs against the database backend and against
a real search engine — the machine's single-node OpenSearch 2.19 (catalog/search/engine/node.py: started by the
first test run that needs it, shared by every pytest worker and run of the machine, stopped by the last one out), or
the cluster at ELASTICSEARCH_URL when that is set. If the node cannot be built or started, the engine tests fail with
the node's own words; they never skip.

The demo catalogue (``manage.py load_demo``, ~8 s) is loaded once for the whole package inside one transaction that
is rolled back at the end, and indexed once per backend; each test runs in its own savepoint as usual, and on the
engine the demo index is shared read-only (a write block on it: a test that writes without asking fails loudly),
and a test that changes the index asks for ``writable_index`` and gets an index of its own (a fresh alias, filled
from the demo index by a server-side _reindex), so no test sees another's changes.
"""

import os
import uuid
from dataclasses import dataclass
from datetime import date
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from oscar.core.loading import get_model

from catalog.search import signals
from catalog.search.backends.database import DatabaseBackend
from catalog.search.engine import node as engine_node
from catalog.search.records import build_records
from ocop.models import OcopCertificate
from storefronts.models import Province
from tests.factories import OcopCertificateFactory

Product = get_model("catalogue", "Product")

BACKENDS = ["database", "elasticsearch"]
# Demo products given a verified OCOP certificate, so stars can be filtered, counted and sorted on.
DEMO_CERTIFICATES = [
    ("UMH-MO-500", 4, "Cà Mau"),
    ("UMH-MO-250", 4, "Cà Mau"),
    ("PQM-NM40-500", 5, None),
    ("HGS-SHAN-200", 3, "Tuyên Quang"),
    ("EKC-ROB-250", 3, "Đắk Lắk"),
]


@dataclass
class DemoCatalogue:
    product_ids: dict  # UPC → product id

    def product(self, upc):
        return Product.objects.get(pk=self.product_ids[upc])

    def upc_of(self, product_id):
        return {pk: upc for upc, pk in self.product_ids.items()}[product_id]


@pytest.fixture(scope="package")
def demo_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo marketplace, with a few OCOP certificates, in the database and in the database backend's index."""
    media = tmp_path_factory.mktemp("search-media")
    overrides = override_settings(
        MEDIA_ROOT=media / "public",
        PRIVATE_MEDIA_ROOT=media / "private",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    overrides.enable()
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        call_command("load_demo", stdout=StringIO())
        for number, (upc, stars, province) in enumerate(DEMO_CERTIFICATES, start=1):
            product = Product.objects.get(upc=upc)
            OcopCertificateFactory(
                storefront=product.storefront,
                products=[product],
                stars=stars,
                certificate_number=f"OCOP-DEMO-{number}",
                issue_date=date(2025, 3, 1),
                issuing_province=Province.objects.get(name_vi=province) if province else None,
                status=OcopCertificate.Status.VERIFIED,
            )
        DatabaseBackend().rebuild(build_records())
        ids = dict(Product.objects.filter(parent__isnull=True).values_list("upc", "pk"))
    signals.pending.batch = None  # the load's updates were never committed: nothing is owed to the index
    yield DemoCatalogue(ids)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    overrides.disable()


@dataclass
class ElasticsearchBase:
    url: str
    alias: str  # the demo catalogue, indexed once, read-only
    demo_index: str  # the index behind that alias, copied for a test that writes


@pytest.fixture(scope="session")
def search_engine_url():
    """The address of a real search engine: ELASTICSEARCH_URL, or the machine's OpenSearch node (started if none
    answers; EngineUnavailable fails the test with Maven's, javac's or the node's own message)."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if url:
        yield url
        return
    node = engine_node.acquire()
    try:
        yield node.url
    finally:
        engine_node.release()


@pytest.fixture(scope="package")
def elasticsearch_base(demo_catalogue, django_db_blocker, search_engine_url):
    """The engine holding the demo catalogue under an index of this worker's own."""
    alias = f"chohtx-test-{uuid.uuid4().hex[:12]}"
    with (
        override_settings(
            ELASTICSEARCH_URL=search_engine_url, SEARCH_BACKEND="elasticsearch", SEARCH_INDEX_ALIAS=alias
        ),
        django_db_blocker.unblock(),
    ):
        from catalog.search.backends.elasticsearch import ElasticsearchBackend

        es = ElasticsearchBackend()
        es.rebuild(build_records())
        demo_index = next(iter(es.client.indices.get_alias(name=alias)))
        es.client.indices.put_settings(index=demo_index, body={"index": {"blocks": {"write": True}}})
    try:
        yield ElasticsearchBase(search_engine_url, alias, demo_index)
    finally:
        es.client.indices.put_settings(index=demo_index, body={"index": {"blocks": {"write": False}}})
        es.client.indices.delete(index=f"{alias}-*")


@pytest.fixture
def writable_index():
    """Asked for by a test that indexes or removes products: on the engine it gets an index of its own."""


@pytest.fixture(params=BACKENDS)
def backend(request, demo_catalogue, settings, db):
    """The backend a test runs against ("database" or "elasticsearch"), holding the demo index."""
    cache.clear()
    signals.pending.batch = None
    if request.param == "database":
        settings.SEARCH_BACKEND = "database"
        settings.ELASTICSEARCH_URL = ""
        yield "database"
        return
    base = request.getfixturevalue("elasticsearch_base")
    from catalog.search.backends.elasticsearch import ElasticsearchBackend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = base.url
    if "writable_index" not in request.fixturenames:
        settings.SEARCH_INDEX_ALIAS = base.alias
        yield "elasticsearch"
        return
    settings.SEARCH_INDEX_ALIAS = f"chohtx-test-{uuid.uuid4().hex[:12]}"
    es = ElasticsearchBackend()
    es.copy_from(base.demo_index)
    try:
        yield "elasticsearch"
    finally:
        es.client.indices.delete(index=f"{settings.SEARCH_INDEX_ALIAS}-*")


@pytest.fixture
def demo(demo_catalogue):
    return demo_catalogue
