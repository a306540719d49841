"""What operators see of a running site: a request id on every request and log line, log lines as JSON (time, level,
logger, message, request id, user and stall), errors sent to Sentry when SENTRY_DSN is set, and request counts and
durations for Prometheus when METRICS_ENABLED is on.

The request id comes from the proxy's X-Request-ID header when it looks like one (nginx sets it from
``$request_id``), else a new one; it is sent back in the response's X-Request-ID so a buyer's complaint about an error
page can be matched with the log lines and the Sentry event of that request.

Nothing here touches the database: the user is named in a log line only once something else has loaded it, and the
stall only once a stall screen has found it (``note_stall``).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.utils.functional import empty

REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# The request being served by this thread or task, and the stall it acts for once known.
current_request = contextvars.ContextVar("current_request", default=None)
current_stall = contextvars.ContextVar("current_stall", default=None)


def request_id_for(request):
    """The proxy's id for this request when it looks like one, else a fresh one."""
    incoming = request.META.get(REQUEST_ID_HEADER, "")
    return incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex


def note_stall(storefront):
    """Log lines of the rest of this request name ``storefront`` (called by the stall screens once they found it)."""
    if storefront is not None:
        current_stall.set(storefront.slug)


class RequestIdMiddleware:
    """First in MIDDLEWARE: every log line of the request, the error page's included, carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        if settings.SENTRY_DSN:
            import sentry_sdk

            sentry_sdk.set_tag("request_id", request.request_id)
        request_token = current_request.set(request)
        stall_token = current_stall.set(None)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(request_token)
            current_stall.reset(stall_token)
        response["X-Request-ID"] = request.request_id
        return response


def loaded_user_id(request):
    """The signed-in user's id when the request already loaded the user (never a query of its own), else None."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestFactsFilter(logging.Filter):
    """Adds ``request_id``, ``user`` and ``stall`` to every record ("-" outside a request)."""

    def filter(self, record):
        request = current_request.get()
        record.request_id = getattr(request, "request_id", "-") if request is not None else "-"
        record.user = (loaded_user_id(request) if request is not None else None) or "-"
        record.stall = current_stall.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector (journald, Loki, CloudWatch...)."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "user": getattr(record, "user", "-"),
            "stall": getattr(record, "stall", "-"),
        }
        if getattr(record, "status_code", None):
            line["status"] = record.status_code
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config(log_format, level):
    """The LOGGING setting: lines with time, level, logger and request facts, as JSON or as text."""
    formatter = (
        {"()": JsonFormatter}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user)s stall=%(stall)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_facts": {"()": RequestFactsFilter}},
        "formatters": {"line": formatter},
        "handlers": {"console": {"()": "logging.StreamHandler", "formatter": "line", "filters": ["request_facts"]}},
        "root": {"handlers": ["console"], "level": level},
        # Oscar logs every stock change's (usually empty) round of back-in-stock alerts at INFO.
        # Wagtail's background tasks (run at once here) log every task's id at INFO, three lines per page or image
        # saved. Celery logs every task it ran at INFO; with eager tasks (no broker) that is a line per e-mail in the
        # request. django-axes announces itself at start-up and logs each failed sign-in at INFO (lockouts: WARNING).
        # elasticsearch-py logs every request to the search engine at INFO.
        "loggers": {
            name: {"level": "WARNING"}
            for name in (
                "django.db.backends",
                "oscar.alerts",
                "django_tasks",
                "celery.app.trace",
                "axes",
                "elastic_transport.transport",
            )
        },
    }


def init_sentry(dsn, environment, release, traces_sample_rate):
    """Send unhandled errors (views and Celery tasks) to Sentry; personal data stays out of the events."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
    )


# --- Prometheus --------------------------------------------------------------------------------------------------------


class MetricsMiddleware:
    """Counts requests by view and status and times them, when METRICS_ENABLED is on (a no-op otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.METRICS_ENABLED
        if self.enabled:
            from shop import metrics

            self.metrics = metrics

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None and match.view_name else "unmatched"
        self.metrics.REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        self.metrics.DURATION.labels(view).observe(time.perf_counter() - started)
        return response
