"""/healthz: whether the database, the cache, the task broker and the search backend can answer, each with its own
status, as JSON for load balancers and monitors (503 when any of them cannot)."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"status": "error", "error": error.__class__.__name__}
    return {"status": "ok", "vendor": connection.vendor}


def check_cache():
    """A value written to the cache reads back (Redis in production: the page cache and sessions' neighbour)."""
    probe = uuid.uuid4().hex
    try:
        cache.set("healthz:probe", probe, 10)
        healthy = cache.get("healthz:probe") == probe
    except Exception as error:  # noqa: BLE001 (any failure of the cache client means the cache cannot serve)
        return {"status": "error", "error": error.__class__.__name__}
    return {"status": "ok" if healthy else "error", "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_broker():
    """The Celery broker accepts a connection; without one (the embedded default) tasks run in the request."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "ok", "broker": "none"}
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 (kombu raises the transport's own errors)
        return {"status": "error", "error": error.__class__.__name__}
    return {"status": "ok", "broker": settings.CELERY_BROKER_URL.split(":", 1)[0]}


def check_search():
    if settings.SEARCH_BACKEND == "database":
        database = check_database()
        return {"status": database["status"], "backend": "database"}
    from elasticsearch.exceptions import ApiError, TransportError

    from catalog.search.client import UnknownEngine, get_client

    # The client search itself uses: a stock Elasticsearch client refuses every OpenSearch answer, so this check
    # answered 503 on a healthy OpenSearch cluster (and gunicorn never came up under bench/perf/run.py --engine).
    try:
        healthy = get_client().options(request_timeout=2, max_retries=0).ping()
    except (ApiError, TransportError, UnknownEngine, ConnectionError):
        healthy = False
    return {"status": "ok" if healthy else "error", "backend": "elasticsearch"}


@transaction.non_atomic_requests  # a broken database must give 503, not fail while opening a transaction
@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "broker": check_broker(),
        "search": check_search(),
    }
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
