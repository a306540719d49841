"""The one place that builds the Elasticsearch client.

Every request is sent with plain ``application/json`` (and ``application/x-ndjson`` for bulk) instead of the
``application/vnd.elasticsearch+json; compatible-with=8`` media type the 8.x client always asks for: Elasticsearch
itself accepts both, while OpenSearch-compatible servers (osmem-server in the tests, see ../shared/DESIGN.md) accept
only the plain one. The client rewrites its headers to the compatible form after the caller's headers are merged, so
the rewrite has to happen in the HTTP node, just before a request leaves.
"""

from functools import lru_cache

from django.conf import settings
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch

COMPATIBLE_PREFIX = "application/vnd.elasticsearch+"
DEFAULT_INDEX = "chohtx-products"


def plain_media_type(value):
    """ "application/vnd.elasticsearch+json; compatible-with=8" → "application/json"."""
    if value and value.startswith(COMPATIBLE_PREFIX):
        return "application/" + value[len(COMPATIBLE_PREFIX) :].split(";")[0].strip()
    return value


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers is not None:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = plain_media_type(headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


@lru_cache(maxsize=8)
def client_for(url):
    return Elasticsearch(
        url,
        node_class=PlainJsonNode,
        headers={"accept": "application/json", "content-type": "application/json"},
        request_timeout=10,
        max_retries=2,
        retry_on_timeout=True,
    )


def get_client():
    return client_for(settings.ELASTICSEARCH_URL)


def index_alias():
    """The alias searches go through; ``manage.py search_index rebuild`` points it at each new index in turn."""
    return getattr(settings, "SEARCH_INDEX_ALIAS", DEFAULT_INDEX)
