"""One behaviour suite, two backends: every test taking ``backend`` runs against the database backend and against
Elasticsearch — osmem-server (an in-memory OpenSearch-compatible server from PyPI) started here, or the cluster at
ELASTICSEARCH_URL when that is set. If osmem-server cannot start, the Elasticsearch tests fail; they never skip.

The demo catalogue (``manage.py load_demo``, ~8 s) is loaded once for the whole package inside one transaction that
is rolled back at the end, and indexed once per backend; each test runs in its own savepoint as usual, and on
osmem-server against its own copy-on-write clone of the index, so no test sees another's changes.
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
from catalog.search.records import build_records
from ocop.models import OcopCertificate
from storefronts.models import Province

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


def certify(upc, stars, province_name, number):
    product = Product.objects.get(upc=upc)
    central = stars == 5
    certificate = OcopCertificate.objects.create(
        storefront=product.storefront,
        stars=stars,
        score={3: 60, 4: 80, 5: 95}[stars],
        certificate_number=f"OCOP-DEMO-{number}",
        decision_number=f"QD-{number}",
        decision_date=date(2025, 3, 1),
        issuing_level=OcopCertificate.Level.CENTRAL if central else OcopCertificate.Level.PROVINCE,
        issuing_province=None if central else Province.objects.get(name_vi=province_name),
        issue_date=date(2025, 3, 1),
        status=OcopCertificate.Status.VERIFIED,
    )
    certificate.products.add(product)


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
            certify(upc, stars, province, number)
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
    server: object  # OsmemServer, or None for the cluster at ELASTICSEARCH_URL
    url: str


@pytest.fixture(scope="package")
def elasticsearch_base(demo_catalogue, django_db_blocker):
    """osmem-server holding the demo index (each test searches a clone of it), or the real cluster's address."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if url:
        yield ElasticsearchBase(None, url)
        return
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)  # raises, failing the tests, when the server cannot start
    try:
        with (
            override_settings(ELASTICSEARCH_URL=server.url, SEARCH_BACKEND="elasticsearch"),
            django_db_blocker.unblock(),
        ):
            from catalog.search.backends.elasticsearch import ElasticsearchBackend

            ElasticsearchBackend().rebuild(build_records())
        yield ElasticsearchBase(server, server.url)
    finally:
        server.close()


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
    settings.SEARCH_BACKEND = "elasticsearch"
    if base.server is not None:
        clone = base.server.clone()
        settings.ELASTICSEARCH_URL = clone.url
        try:
            yield "elasticsearch"
        finally:
            clone.close()
        return
    from catalog.search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = base.url
    settings.SEARCH_INDEX_ALIAS = f"chohtx-test-{uuid.uuid4().hex[:12]}"
    es = ElasticsearchBackend()
    es.rebuild(build_records())
    try:
        yield "elasticsearch"
    finally:
        es.client.indices.delete(index=f"{settings.SEARCH_INDEX_ALIAS}-*")


@pytest.fixture
def demo(demo_catalogue):
    return demo_catalogue
