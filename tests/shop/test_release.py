"""manage.py release, the one command a deployment runs (README, Production; .ci/run runs it on PostgreSQL): after it a
buyer can check out, search finds the products and the static files are in place; a broken search engine stops it."""

import socket
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.search.models import SearchEntry
from tests.factories import ProductFactory
from tests.shop.checkout.conftest import add_to_basket, fill_in_checkout

pytestmark = pytest.mark.django_db

Country = get_model("address", "Country")


def release(*args):
    output = StringIO()
    call_command("release", *args, stdout=output, stderr=output)
    return output.getvalue()


def test_after_the_release_a_buyer_on_a_new_database_can_check_out(client):
    # A database fresh from migrate alone: no shipping country (what the README's old steps left).
    Country.objects.all().delete()
    jar = ProductFactory(title="Mật ong rừng U Minh")

    output = release("--no-collectstatic")

    add_to_basket(client, jar)
    response = fill_in_checkout(client, [jar.storefront])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("fulfilment:review")
    assert "Release ready." in output


def test_the_release_builds_a_search_index_that_misses_products(client):
    ProductFactory(title="Mật ong rừng U Minh")
    ProductFactory(title="Trà Shan tuyết cổ thụ")
    SearchEntry.objects.all().delete()  # a restored database, or a new search cluster

    output = release("--no-collectstatic")

    found = client.get("/vi/api/search/", {"q": "mat ong"}).json()
    assert [product["title"] for product in found["results"]] == ["Mật ong rừng U Minh"]
    assert "rebuilt with 2 of 2 products" in output


def test_the_release_leaves_a_complete_search_index_alone():
    ProductFactory(title="Mật ong rừng U Minh")
    release("--no-collectstatic")

    output = release("--no-collectstatic")

    assert "Search index (database): 1 products, complete." in output
    assert SearchEntry.objects.count() == 1


def test_the_release_collects_the_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    release()

    assert (tmp_path / "static" / "themes" / "site.css").read_text() != ""


def test_a_release_with_an_unreachable_search_engine_stops_and_says_why(settings):
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"

    with pytest.raises(CommandError, match=r"search index could not be checked or rebuilt \(elasticsearch\)"):
        release("--no-collectstatic")
