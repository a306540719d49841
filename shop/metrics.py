"""Request counts and durations for Prometheus, served at /metrics when METRICS_ENABLED is on.

Under gunicorn every worker counts its own requests: with PROMETHEUS_MULTIPROC_DIR set (deploy/ sets it to an empty
directory at each start), the workers write their figures there and /metrics adds them up. The page is for the
monitoring server only: it needs ``Authorization: Bearer <METRICS_TOKEN>``, or comes from the machine itself when no
token is set; anyone else gets 404, as if it did not exist.
"""

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client import REGISTRY as PROCESS_REGISTRY

REQUESTS = Counter("chohtx_http_requests_total", "Requests served", ["method", "view", "status"])
DURATION = Histogram(
    "chohtx_http_request_duration_seconds",
    "Time to serve a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
LOOPBACK = ("127.0.0.1", "::1")


def allowed(request):
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    return request.META.get("REMOTE_ADDR") in LOOPBACK


def registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    return PROCESS_REGISTRY


@never_cache
@require_GET
def metrics_view(request):
    if not settings.METRICS_ENABLED or not allowed(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
