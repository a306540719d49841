"""What operators see: request ids, log lines with their facts, the health of each service, errors sent to Sentry and
request metrics for Prometheus."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client, override_settings

from tests.shop.test_settings import manage

SQLITE = "sqlite:////tmp/cho-htx-observability.sqlite3"

HEALTH_PROBE = """
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/healthz")
print(response.status_code)
print(response.content.decode())
"""


def healthz(**env):
    result = manage("shell", "-c", HEALTH_PROBE, DEBUG="1", DATABASE_URL=SQLITE, **env)
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    return int(status), json.loads(body)


def test_healthz_checks_the_redis_cache_and_broker_each_with_its_status():
    status, body = healthz(CACHE_URL="redis://127.0.0.1:6379/14", CELERY_BROKER_URL="redis://127.0.0.1:6379/14")

    assert status == 200
    assert body["cache"] == {"status": "ok", "backend": "RedisCache"}
    assert body["broker"] == {"status": "ok", "broker": "redis"}


def test_healthz_answers_503_naming_the_broker_when_it_is_down():
    status, body = healthz(CACHE_URL="redis://127.0.0.1:6379/14", CELERY_BROKER_URL="redis://127.0.0.1:1/0")

    assert status == 503
    assert body["broker"]["status"] == "error"
    assert body["cache"]["status"] == "ok"
    assert body["database"]["status"] == "ok"


def test_healthz_answers_503_naming_the_cache_when_it_is_down():
    status, body = healthz(CACHE_URL="redis://127.0.0.1:1/0")

    assert status == 503
    assert body["cache"]["status"] == "error"
    assert body["broker"] == {"status": "ok", "broker": "none"}


@pytest.mark.django_db
def test_every_response_names_its_request_id_and_keeps_the_proxys(client):
    fresh = client.get("/healthz")
    from_proxy = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c1e77")
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert len(fresh["X-Request-ID"]) == 32
    assert from_proxy["X-Request-ID"] == "nginx-4f2a9c1e77"
    assert forged["X-Request-ID"] != "<script>alert(1)</script>" and len(forged["X-Request-ID"]) == 32


LOG_PROBE = """
from django.test import Client
response = Client(HTTP_HOST="localhost").post("/healthz", HTTP_X_REQUEST_ID="req-0123456789")
print(response.status_code)
"""


def test_production_log_lines_are_json_with_time_level_logger_and_request_id():
    result = manage("shell", "-c", LOG_PROBE, DEBUG="1", LOG_FORMAT="json", DATABASE_URL=SQLITE)

    assert "405" in result.stdout.split(), result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    refused = next(line for line in lines if line["logger"] == "django.request")
    assert refused["level"] == "WARNING"
    assert refused["request_id"] == "req-0123456789"
    assert refused["status"] == 405
    assert "/healthz" in refused["message"]
    assert refused["time"].startswith("20")


class FakeSentry(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append(gzip.decompress(body) if self.headers.get("Content-Encoding") == "gzip" else body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_sentry():
    FakeSentry.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


ERROR_PROBE = """
import sentry_sdk
from django.test import Client
from django.urls import clear_url_caches, path
import shop.urls

def broken(request):
    raise ZeroDivisionError("the stall's figures divided by zero")

shop.urls.urlpatterns.append(path("broken", broken))
clear_url_caches()
response = Client(HTTP_HOST="localhost", raise_request_exception=False).get("/broken", HTTP_X_REQUEST_ID="req-sentry-42")
sentry_sdk.flush(5)
print(response.status_code)
"""


def test_an_unhandled_error_reaches_sentry_with_its_request_id(fake_sentry):
    dsn = f"http://publickey@127.0.0.1:{fake_sentry.server_port}/7"

    result = manage("shell", "-c", ERROR_PROBE, DEBUG="1", DATABASE_URL=SQLITE, SENTRY_DSN=dsn)

    assert "500" in result.stdout.split(), result.stderr
    events = b"".join(FakeSentry.received).decode(errors="replace")
    assert "ZeroDivisionError" in events
    assert "req-sentry-42" in events


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, METRICS_TOKEN="")
def test_metrics_count_requests_by_view_for_the_monitoring_server_on_this_machine():
    client = Client()
    client.get("/healthz")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert 'chohtx_http_requests_total{method="GET",status="200",view="healthz"}' in response.content.decode()


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, METRICS_TOKEN="s3cret-metrics-token")
def test_metrics_need_the_token_when_one_is_set():
    client = Client()

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token").status_code == 200


@pytest.mark.django_db
def test_metrics_do_not_exist_unless_switched_on(client):
    assert client.get("/metrics").status_code == 404
