"""How search behaves for a shopper, the same on both backends: matching without accents and with typos, filters and
facet counts, sorting, pages and highlighted matches (through the JSON API, which shows all of it)."""

import pytest
from django.urls import reverse

from catalog.search.queries import PER_PAGE

API = "/vi/api/search/"


def search(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


def facet(data, dimension, value):
    return next(item for item in data["facets"][dimension] if item.get("value") == value)


def test_typing_without_accents_finds_the_accented_product_and_marks_the_match(client, backend):
    data = search(client, q="mat ong rung")

    assert data["results"][0]["title"].startswith("Mật ong rừng U Minh")
    assert "<mark>Mật</mark> <mark>ong</mark> <mark>rừng</mark>" in data["results"][0]["highlight"]["title"]


def test_every_word_must_match_so_a_word_in_common_does_not_flood_the_results(client, backend):
    data = search(client, q="nuoc mam")

    assert data["count"] >= 10
    assert all("nước mắm" in title.lower() for title in titles(data)[:5])
    assert not any(title.startswith("Mật ong") for title in titles(data))


def test_a_typo_in_a_word_no_product_has_is_forgiven(client, backend):
    data = search(client, q="nuoc mam phu quok")

    assert data["count"] > 0
    assert all("Phú Quốc" in title for title in titles(data)[:5])


def test_words_no_product_has_even_with_typos_give_an_empty_state_not_an_error(client, backend):
    data = search(client, q="xylophone quantum")

    assert data["count"] == 0
    assert data["results"] == []


def test_when_no_product_has_every_word_the_products_with_some_of_them_are_shown(client, backend):
    data = search(client, q="mật ong xylophone")
    page = client.get(reverse("catalog-search:search"), {"q": "mật ong xylophone"})

    assert data["count"] > 0 and data["partial"] is True
    assert titles(data)[0].startswith("Mật ong")
    assert "Không sản phẩm nào có đủ mọi từ bạn tìm" in page.content.decode()
    assert search(client, q="mat ong")["partial"] is False


def test_an_empty_query_browses_the_whole_catalogue_with_facets(client, backend, demo):
    data = search(client)

    assert data["count"] == len(demo.product_ids)
    assert data["pages"] == -(-data["count"] // PER_PAGE)
    assert len(data["results"]) == PER_PAGE
    assert {item["value"] for item in data["facets"]["province"]} >= {"ca-mau", "an-giang", "lam-dong"}
    assert facet(data, "category", "thuc-pham")["label"] == "Thực phẩm"


@pytest.mark.parametrize("dimension", ["category", "province", "stall", "ocop_stars"])
def test_each_facet_count_is_the_number_of_products_choosing_that_value_shows(client, backend, dimension):
    browse = search(client, q="mat ong")

    for item in browse["facets"][dimension][:4]:
        chosen = search(client, q="mat ong", **{dimension: item["value"]})
        assert chosen["count"] == item["count"], (dimension, item)
        assert facet(chosen, dimension, item["value"])["selected"]


def test_price_facets_count_what_their_price_range_shows(client, backend):
    browse = search(client)

    for bucket in browse["facets"]["price"]:
        params = {key: bucket[key] for key in ("min", "max") if bucket[key] is not None}
        chosen = search(client, price_min=params.get("min", ""), price_max=params.get("max", ""))
        assert chosen["count"] == bucket["count"], bucket
        assert all((bucket["min"] or 0) <= result["price"] <= (bucket["max"] or 10**12) for result in chosen["results"])


def test_a_chosen_facet_still_lists_the_other_values_of_its_own_kind(client, backend):
    browse = search(client)
    chosen = search(client, province="ca-mau")

    assert chosen["count"] == facet(browse, "province", "ca-mau")["count"]
    assert facet(chosen, "province", "an-giang")["count"] == facet(browse, "province", "an-giang")["count"]
    assert facet(chosen, "stall", "ong-mat-u-minh")["count"] == chosen["count"]
    assert all(result["province"]["slug"] == "ca-mau" for result in chosen["results"])


def test_ocop_stars_filter_shows_products_with_at_least_that_many_stars(client, backend):
    four_and_more = search(client, ocop_stars=4)
    five = search(client, ocop_stars=5)

    assert sorted(result["ocop_stars"] for result in four_and_more["results"]) == [4, 4, 5]
    assert [result["title"] for result in five["results"]] == [
        "Nước mắm cá cơm Phú Quốc 40 độ đạm, chai thủy tinh 500 ml"
    ]
    assert [item["count"] for item in search(client)["facets"]["ocop_stars"]] == [5, 3, 1]


def test_in_stock_only_hides_sold_out_products(client, backend):
    everything = search(client, q="sa sung")
    in_stock = search(client, q="sa sung", in_stock=1)

    assert everything["results"][0]["in_stock"] is False
    assert in_stock["count"] == 0
    assert everything["facets"]["in_stock"]["count"] == 0


def test_filters_combine_with_the_text(client, backend):
    data = search(client, q="tra", province="lam-dong", price_max=50000)

    assert data["count"] > 0
    assert all(result["province"]["slug"] == "lam-dong" and result["price"] <= 50000 for result in data["results"])


def test_prices_sort_both_ways(client, backend):
    cheapest_first = [result["price"] for result in search(client, q="mat ong", sort="price_asc")["results"]]
    dearest_first = [result["price"] for result in search(client, q="mat ong", sort="price_desc")["results"]]

    assert cheapest_first == sorted(cheapest_first)
    assert dearest_first == sorted(dearest_first, reverse=True)


def test_newest_first_shows_the_last_product_listed(client, backend, demo):
    data = search(client, sort="newest")

    assert data["results"][0]["id"] == max(demo.product_ids.values())


def test_most_stars_first(client, backend):
    data = search(client, sort="stars")

    assert [result["ocop_stars"] for result in data["results"][:6]] == [5, 4, 4, 3, 3, 0]


def test_pages_split_the_results_without_repeating_a_product(client, backend, demo):
    first = search(client, sort="newest")
    second = search(client, sort="newest", page=2)
    past_the_end = search(client, sort="newest", page=first["pages"] + 1)

    assert second["page"] == 2
    assert not {result["id"] for result in first["results"]} & {result["id"] for result in second["results"]}
    assert past_the_end["results"] == [] and past_the_end["count"] == len(demo.product_ids)


@pytest.mark.parametrize(
    "text",
    [
        '"mật ong"',
        "mat*",
        "ong~2",
        "mật\\ong",
        "title:(mat) AND price:[0 TO 1]",
        "🍯 mật ong 🐝",
        "{{ ong }} <script>",
        "((((",
        "-ong +mat",
        "x" * 1000,
        "mật ong " * 200,
        "\x00",
    ],
)
def test_query_syntax_and_odd_input_give_results_or_an_empty_state(client, backend, text):
    api = client.get(API, {"q": text})
    page = client.get(reverse("catalog-search:search"), {"q": text})

    assert api.status_code == 200
    assert page.status_code == 200
    if "<script>" in text:
        assert "&lt;script&gt;" in page.content.decode()


@pytest.mark.parametrize(
    "params", [{"category": "khong-co"}, {"province": "atlantis"}, {"stall": "?"}, {"ocop_stars": ""}]
)
def test_unknown_facet_values_find_nothing_and_say_so(client, backend, params):
    data = search(client, q="mat ong", **params)
    page = client.get(reverse("catalog-search:search"), {"q": "mat ong", **params})

    if params.get("ocop_stars") == "":
        assert data["count"] > 0
    else:
        assert data["count"] == 0
        assert "Không tìm thấy sản phẩm nào phù hợp." in page.content.decode()
