"""The public JSON API and the search page: their shape, their languages, suggestions, and bad parameters."""

import pytest
from django.urls import resolve, reverse

from catalog.search import views


def test_api_results_carry_what_a_client_shows(client, backend):
    response = client.get("/vi/api/search/", {"q": "mat ong rung u minh"})

    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert set(data) >= {"count", "results", "facets", "page", "pages"}
    first = data["results"][0]
    assert set(first) >= {"id", "title", "url", "price", "currency", "ocop_stars", "stall", "province", "thumbnail"}
    assert first["currency"] == "VND" and isinstance(first["price"], int)
    assert first["url"].startswith("http://testserver/vi/")
    assert first["stall"] == {
        "slug": "ong-mat-u-minh",
        "name": "Ong mật U Minh Hạ",
        "url": "http://testserver" + reverse("storefronts:detail", kwargs={"slug": "ong-mat-u-minh"}),
    }
    assert first["province"] == {"slug": "ca-mau", "name": "Cà Mau"}
    assert first["thumbnail"].endswith(".webp")
    assert set(data["facets"]) == {"category", "ocop_stars", "province", "stall", "price", "in_stock"}
    assert client.get(first["url"].removeprefix("http://testserver")).status_code == 200


def test_api_answers_in_the_language_of_the_prefix(client, backend):
    english = client.get("/en/api/search/", {"q": "forest honey"}).json()
    chinese = client.get("/zh-hans/api/search/", {"q": "森林蜂蜜"}).json()

    assert english["results"][0]["title"].startswith("U Minh rafter-harvested forest honey")
    assert english["results"][0]["url"].startswith("http://testserver/en/")
    assert english["results"][0]["province"]["name"] == "Ca Mau"
    assert chinese["results"][0]["title"].startswith("乌明架椽野生森林蜂蜜")
    assert facet_labels(chinese, "category")[0] == "食品"


def test_api_without_a_prefix_answers_in_the_accept_language_language(client, backend):
    response = client.get("/api/search/", {"q": "mat ong"}, headers={"accept-language": "zh-hans"})

    assert response.status_code == 200
    assert response.json()["language"] == "zh-hans"
    assert "蜂蜜" in response.json()["results"][0]["title"]
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "100000"}, "page"),
        ({"price_min": "-5"}, "price_min"),
        ({"price_max": "rẻ"}, "price_max"),
        ({"price_min": "500000", "price_max": "100000"}, "price_max"),
        ({"ocop_stars": "7"}, "ocop_stars"),
        ({"sort": "cheap"}, "sort"),
        ({"in_stock": "maybe"}, "in_stock"),
    ],
)
def test_api_answers_bad_parameters_with_400_and_a_message(client, backend, params, field):
    response = client.get("/vi/api/search/", params)

    assert response.status_code == 400
    assert response.json()["errors"][field]
    assert response.json()["error"]


def test_api_error_messages_follow_the_language(client, backend):
    response = client.get("/en/api/search/", {"ocop_stars": "7"})

    assert response.status_code == 400
    assert response.json()["errors"]["ocop_stars"]


def test_prices_may_be_written_the_vietnamese_way(client, backend):
    data = client.get("/vi/api/search/", {"price_min": "100.000", "price_max": "200.000"}).json()

    assert data["count"] > 0
    assert all(100_000 <= result["price"] <= 200_000 for result in data["results"])


def test_suggestions_complete_a_word_start_anywhere_in_a_title(client, backend):
    response = client.get("/vi/api/search/suggest/", {"q": "ong ru"})

    suggestions = response.json()["suggestions"]
    assert response.status_code == 200
    assert 0 < len(suggestions) <= 10
    assert "Mật ong rừng U Minh gác kèo, hũ 250 ml" in [suggestion["title"] for suggestion in suggestions]
    assert all(suggestion["url"].startswith("http://testserver/vi/") for suggestion in suggestions)


def test_suggestions_are_at_most_ten_and_accent_free(client, backend):
    suggestions = client.get("/vi/api/search/suggest/", {"q": "tr"}).json()["suggestions"]
    honey = client.get("/vi/api/search/suggest/", {"q": "mat o"}).json()["suggestions"]

    assert len(suggestions) == 10
    assert honey and all(
        suggestion["title"].startswith("Mật ong") or " mật ong" in suggestion["title"].lower() for suggestion in honey
    )


def test_suggestions_in_english_and_chinese(client, backend):
    english = client.get("/api/search/suggest/", {"q": "artich"}, headers={"accept-language": "en"}).json()
    chinese = client.get("/zh-hans/api/search/suggest/", {"q": "蜂"}).json()

    assert "Đà Lạt artichoke tea bags, box of 20" in [suggestion["title"] for suggestion in english["suggestions"]]
    assert chinese["suggestions"] and all("蜂" in suggestion["title"] for suggestion in chinese["suggestions"])


def test_suggestions_for_nothing_typed_are_empty_and_a_bad_limit_is_refused(client, backend):
    empty = client.get("/vi/api/search/suggest/", {"q": "  🐝 "})
    bad = client.get("/vi/api/search/suggest/", {"q": "mat", "limit": "50"})
    two = client.get("/vi/api/search/suggest/", {"q": "mat", "limit": "2"})

    assert empty.status_code == 200 and empty.json()["suggestions"] == []
    assert bad.status_code == 400 and bad.json()["errors"]["limit"]
    assert len(two.json()["suggestions"]) == 2


def test_the_search_page_replaces_oscars_search(client, backend):
    assert reverse("search:search") == "/vi/search/"
    assert resolve("/vi/search/").func is views.search_page

    response = client.get("/vi/search/", {"q": "mat ong"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "catalogue/search/results.html" in [template.name for template in response.templates]
    assert "<mark>Mật</mark> <mark>ong</mark>" in content
    # "mật ong" as those two words together (catalog/search/synonyms.py), not every product of the "Ong mật" stall
    assert "Tìm thấy 13 sản phẩm" in content
    assert 'href="?q=mat+ong&amp;province=ca-mau"' in content
    assert 'list="search-suggestions"' in content


def test_the_search_page_in_english_keeps_facets_and_sorting(client, backend):
    response = client.get("/en/search/", {"q": "honey", "province": "ca-mau", "sort": "price_asc", "page": "1"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "U Minh rafter-harvested forest <mark>honey</mark>" in content
    assert 'aria-current="true"' in content
    assert '<option value="price_asc" selected>' in content


def test_the_search_page_drops_a_bad_parameter_and_says_why(client, backend):
    response = client.get("/vi/search/", {"q": "mat ong", "price_min": "rẻ", "page": "abc"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Giá thấp nhất phải là một số tiền (đồng) không âm." in content
    assert "<mark>Mật</mark>" in content


def test_the_search_page_past_the_last_page_offers_the_first(client, backend):
    response = client.get("/vi/search/", {"q": "mat ong", "page": "50"})

    assert response.status_code == 200
    assert "Về trang đầu của kết quả" in response.content.decode()


def test_the_search_page_costs_a_fixed_number_of_queries(client, backend, django_assert_max_num_queries):
    client.get("/vi/search/")  # sessions, site and the like, once
    with django_assert_max_num_queries(14):
        response = client.get("/vi/search/", {"q": "tra", "page": "2"})
    assert response.status_code == 200


def facet_labels(data, dimension):
    return [item["label"] for item in data["facets"][dimension]]


def test_search_says_it_is_unavailable_when_elasticsearch_cannot_be_reached(client, db, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    page = client.get("/vi/search/", {"q": "mat ong"})
    api = client.get("/vi/api/search/", {"q": "mat ong"})
    suggest = client.get("/vi/api/search/suggest/", {"q": "mat"})

    assert page.status_code == 503
    assert "Tìm kiếm tạm thời gián đoạn." in page.content.decode()
    assert api.status_code == 503 and api.json()["error"]
    assert suggest.status_code == 503
