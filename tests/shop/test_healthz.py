"""/healthz tells a load balancer whether this instance can serve: database and search backend."""

import json

import pytest

from tests.shop.test_settings import manage


@pytest.mark.django_db
def test_healthz_reports_database_and_search_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["search"] == {"status": "ok", "backend": "database"}
    assert "no-cache" in response["Cache-Control"]


PROBE = """
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/healthz")
print(response.status_code)
print(response.content.decode())
"""


def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real broken database: a PostgreSQL URL whose server does not exist (nothing listens on port 1).
    result = manage("shell", "-c", PROBE, DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:1/nothing")
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "503"
    assert json.loads(body)["database"]["status"] == "error"


def test_healthz_answers_503_when_elasticsearch_is_unreachable():
    result = manage(
        "shell",
        "-c",
        PROBE,
        DEBUG="1",
        ELASTICSEARCH_URL="http://127.0.0.1:1",
        DATABASE_URL="sqlite:////tmp/cho-htx.sqlite3",
    )
    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "503"
    assert json.loads(body)["search"] == {"status": "error", "backend": "elasticsearch"}


def test_healthz_reports_a_running_opensearch_node_as_ok():
    # given the machine's real OpenSearch 2.19 node (catalog/search/engine/node.py)
    from catalog.search.engine import node as engine_node

    node = engine_node.acquire()
    try:
        # when a load balancer asks an instance searching through it
        result = manage(
            "shell",
            "-c",
            PROBE,
            DEBUG="1",
            ELASTICSEARCH_URL=node.url,
            DATABASE_URL="sqlite:////tmp/cho-htx.sqlite3",
        )
    finally:
        engine_node.release()

    # then the instance is healthy
    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "200", body
    assert json.loads(body)["search"] == {"status": "ok", "backend": "elasticsearch"}
