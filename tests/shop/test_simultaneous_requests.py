"""Shoppers typing in the search box at the same moment, against a real HTTP server (the browser journeys' live
server) over the suite's test database: each request is answered, none with a 500.

On Django's in-memory SQLite test database the live server's threads shared one connection, so two requests'
ATOMIC_REQUESTS transactions interleaved their savepoints ("no such savepoint", a 500 that failed a browser journey
under load); tests/conftest.py keeps the test database in a file, where each thread has its own connection.
"""

import json
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.factories import ProductFactory
from tests.shop.checkout.conftest import race

pytestmark = pytest.mark.django_db(transaction=True)


def suggestions_for(live_server, text):
    url = f"{live_server.url}/vi/api/search/suggest/?{urlencode({'q': text})}"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()[:500]


def test_twenty_shoppers_typing_at_once_all_get_suggestions(live_server):
    ProductFactory(title="Mật ong rừng U Minh")
    ProductFactory(title="Mắm tôm Hậu Lộc")

    answers = race(20, lambda i: suggestions_for(live_server, "mat ong" if i % 2 else "mam"))

    assert [status for status, _body in answers] == [200] * 20, answers
    titles = [{suggestion["title"] for suggestion in body["suggestions"]} for _status, body in answers]
    assert titles == [{"Mắm tôm Hậu Lộc"}, {"Mật ong rừng U Minh"}] * 10
