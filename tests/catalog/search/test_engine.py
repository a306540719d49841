"""The real engine itself: which client speaks to it, the analysis it was given, and the node being shared.

These run against the machine's OpenSearch 2.19 node (or ELASTICSEARCH_URL); a real Elasticsearch 8 is not
available here, so its path is checked only as far as refusing OpenSearch, which is what the OpenSearch path is for.
"""

import subprocess
import sys

import pytest
from elasticsearch import Elasticsearch, UnsupportedProductError

from catalog.search import client
from catalog.search.engine import node as engine_node
from catalog.search.queries import SearchQuery
from catalog.search.service import search_products


def test_the_engine_is_recognised_as_opensearch_from_its_root_endpoint(search_engine_url):
    assert client.detect_engine(search_engine_url) == client.OPENSEARCH


def test_the_stock_elasticsearch_client_is_refused_where_the_opensearch_path_is_answered(search_engine_url):
    stock = Elasticsearch(search_engine_url, request_timeout=10)
    ours = client.client_for(search_engine_url, client.OPENSEARCH)

    with pytest.raises(UnsupportedProductError):
        stock.info()
    assert ours.info()["version"]["distribution"] == "opensearch"
    assert ours.indices.analyze(body={"analyzer": "standard", "text": "Mật ong"})["tokens"][0]["token"] == "mật"


def test_an_engine_name_we_do_not_support_is_a_clear_configuration_error(search_engine_url):
    with pytest.raises(client.UnknownEngine, match="SEARCH_ENGINE must be one of"):
        client.engine_at(search_engine_url, "solr")


def test_a_search_engine_that_is_down_is_reported_as_unavailable():
    from elastic_transport import ConnectionError

    with pytest.raises(ConnectionError):
        client.detect_engine("http://127.0.0.1:9")


def test_opensearch_configured_as_elasticsearch_says_search_is_unavailable_rather_than_failing(
    client, db, settings, search_engine_url
):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = search_engine_url
    settings.SEARCH_ENGINE = "elasticsearch"  # the stock client, which refuses OpenSearch

    page = client.get("/vi/search/", {"q": "mat ong"})
    api = client.get("/vi/api/search/", {"q": "mat ong"})

    assert page.status_code == 503
    assert "Tìm kiếm tạm thời gián đoạn." in page.content.decode()
    assert api.status_code == 503 and api.json()["error"]


def test_chinese_titles_are_cut_into_words_by_smartcn(elasticsearch_base):
    engine = client.client_for(elasticsearch_base.url, client.detect_engine(elasticsearch_base.url))

    answer = engine.indices.analyze(
        index=elasticsearch_base.demo_index, body={"field": "title_zh_hans.words", "text": "森林蜂蜜"}
    )

    assert [token["token"] for token in answer["tokens"]] == ["森林", "蜂蜜"]


def test_english_possessives_and_plurals_find_the_product(backend, demo):
    results = search_products(SearchQuery(text="women's jackets", language="en"))

    assert "TVS-AO-DAODO" in [demo.upc_of(hit.id) for hit in results.hits[:5]]


def test_a_second_user_of_the_node_shares_it_and_leaving_does_not_stop_it_for_others(search_engine_url):
    if search_engine_url != engine_node.recorded_node(engine_node.state_folder()).url:
        pytest.skip("ELASTICSEARCH_URL names another engine")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        shared = engine_node.acquire(user=other.pid)

        engine_node.release(user=other.pid)

        assert shared.url == search_engine_url
        assert engine_node.healthy(search_engine_url)
    finally:
        other.kill()
        other.wait()


def test_a_machine_without_maven_or_java_gets_the_reason_instead_of_a_skip(monkeypatch, tmp_path):
    monkeypatch.setattr(engine_node, "CACHE", tmp_path)  # nothing built yet on this "machine"
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(engine_node.EngineUnavailable, match="Maven .* and a JDK 17"):
        engine_node.build()
