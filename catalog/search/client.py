"""The one place that builds the search engine's client: Elasticsearch 8 or OpenSearch 2.

SEARCH_ENGINE says which ("elasticsearch", "opensearch", or "auto": read from the root endpoint's
``version.distribution`` once per process). Both are spoken to through elasticsearch-py 8, which elasticsearch-dsl
(our mapping and analysers, documents.py) is built on:

- Elasticsearch: the stock client, which checks that the server is Elasticsearch and asks for its
  ``application/vnd.elasticsearch+json; compatible-with=8`` media type.
- OpenSearch: the same client over OpenSearchNode, which sends plain ``application/json`` (and
  ``application/x-ndjson`` for bulk; OpenSearch answers the vendor type with 406) and, the engine having been
  identified from its root endpoint, marks its answers ``X-Elastic-Product: Elasticsearch`` so that the client's
  product check (UnsupportedProductError on every answer without that header) lets them through. The check is a
  refusal by the client, not a difference of protocol: every API the backend calls (search with aggregations,
  highlight and the completion suggester, bulk, delete_by_query, index create/delete/settings/refresh/analyze,
  aliases) is the same request on OpenSearch 2, and tests/catalog/search runs them all against a real OpenSearch
  2.19 node.

Why not opensearch-py for OpenSearch: the backend would need two clients, two bulk helpers and two error
hierarchies for the same requests, and elasticsearch-dsl (kept by the project) builds on elasticsearch-py only. The
cost is the node class below, which the header rewrite has to live in: the client rewrites its headers to the
compatible form after the caller's are merged, so only the HTTP node sees a request as it leaves.
"""

import json
import urllib.request
from functools import lru_cache

from django.conf import settings
from elastic_transport import ConnectionError, Urllib3HttpNode
from elasticsearch import Elasticsearch

COMPATIBLE_PREFIX = "application/vnd.elasticsearch+"
DEFAULT_INDEX = "chohtx-products"
ELASTICSEARCH, OPENSEARCH, AUTO = "elasticsearch", "opensearch", "auto"
ENGINES = (ELASTICSEARCH, OPENSEARCH)


class UnknownEngine(ValueError):
    """SEARCH_ENGINE names no engine we support."""


def plain_media_type(value):
    """ "application/vnd.elasticsearch+json; compatible-with=8" → "application/json"."""
    if value and value.startswith(COMPATIBLE_PREFIX):
        return "application/" + value[len(COMPATIBLE_PREFIX) :].split(";")[0].strip()
    return value


class OpenSearchNode(Urllib3HttpNode):
    """Plain JSON out, every answer accepted as the client expects (see the module's docstring)."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers is not None:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = plain_media_type(headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        response.meta.headers.setdefault("x-elastic-product", "Elasticsearch")
        return response


def detect_engine(url):
    """ "opensearch" when the root endpoint says ``"distribution": "opensearch"``, else "elasticsearch"."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=10) as answer:
            version = json.load(answer).get("version", {})
    except (OSError, ValueError) as error:  # down: answered as any request to a down engine (SearchUnavailable)
        raise ConnectionError(f"Cannot read the search engine's root endpoint at {url}: {error}") from error
    return OPENSEARCH if version.get("distribution") == OPENSEARCH else ELASTICSEARCH


@lru_cache(maxsize=8)
def engine_at(url, configured):
    if configured == AUTO:
        return detect_engine(url)
    if configured not in ENGINES:
        raise UnknownEngine(f"SEARCH_ENGINE must be one of auto, {', '.join(ENGINES)}; not {configured!r}.")
    return configured


@lru_cache(maxsize=8)
def client_for(url, engine):
    options = {"request_timeout": 10, "max_retries": 2, "retry_on_timeout": True}
    if engine == OPENSEARCH:
        return Elasticsearch(
            url,
            node_class=OpenSearchNode,
            headers={"accept": "application/json", "content-type": "application/json"},
            **options,
        )
    return Elasticsearch(url, **options)


def get_engine():
    return engine_at(settings.ELASTICSEARCH_URL, getattr(settings, "SEARCH_ENGINE", AUTO))


def get_client():
    return client_for(settings.ELASTICSEARCH_URL, get_engine())


def index_alias():
    """The alias searches go through; ``manage.py search_index rebuild`` points it at each new index in turn."""
    return getattr(settings, "SEARCH_INDEX_ALIAS", DEFAULT_INDEX)
