"""/healthz reports the real search engine's health through the site's own client (OpenSearch or Elasticsearch)."""

import json

from tests.shop.test_settings import manage

PROBE = """
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/healthz")
print(response.status_code)
print(response.content.decode())
"""


def test_healthz_reports_the_search_engine_ok(search_engine_url):
    result = manage(
        "shell",
        "-c",
        PROBE,
        DEBUG="1",
        ELASTICSEARCH_URL=search_engine_url,
        DATABASE_URL="sqlite:////tmp/cho-htx.sqlite3",
    )

    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    assert json.loads(body)["search"] == {"status": "ok", "backend": "elasticsearch"}
    assert status == "200"
