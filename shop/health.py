"""/healthz: whether the database and the search backend can answer, as JSON for load balancers and monitors."""

from django.conf import settings
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
    except (ApiError, TransportError, UnknownEngine):
        healthy = False
    return {"status": "ok" if healthy else "error", "backend": "elasticsearch"}


@transaction.non_atomic_requests  # a broken database must give 503, not fail while opening a transaction
@never_cache
@require_GET
def healthz(request):
    checks = {"database": check_database(), "search": check_search()}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
