"""The relevance set: what shoppers type (without accents, with typos, in English or Chinese, naming a province or a
stall) and the demo product that must come back among the first five, on both backends."""

import pytest

from catalog.search.queries import SearchQuery
from catalog.search.service import search_products

TOP = 5

RELEVANCE_SET = [
    # Vietnamese typed without accents
    ("vi", "mat ong rung u minh", "UMH-MO-500"),
    ("vi", "nuoc mam phu quoc", "PQM-NM40-500"),
    ("vi", "tra shan tuyet", "HGS-SHAN-200"),
    ("vi", "ca phe robusta", "EKC-ROB-250"),
    ("vi", "gao st25", "HTG-ST25-5KG"),
    ("vi", "me xung hue", "HUE-MEXUNG-250"),
    ("vi", "non la theu", "HUE-NON-THEU"),
    ("vi", "khan lua to tam", "HOA-LUA-KHAN"),
    ("vi", "den long", "HOA-DENLONG-30"),
    ("vi", "chieu coi", "KSC-CHIEU-160"),
    ("vi", "muc kho", "BTL-MUCKHO-500"),
    ("vi", "hat sen kho", "STM-HATSEN-KHO-500"),
    ("vi", "tra atiso", "LBA-ATISO-TL20"),
    ("vi", "thit trau gac bep", "HGS-TRAU-500"),
    ("vi", "banh pia sau rieng", "HTG-PIA-SR-4"),
    ("vi", "dau tram", "HUE-DAUTRAM-50"),
    ("vi", "hat mac ca", "EKC-MACCA-500"),
    ("vi", "sa sung", "BTL-SASUNG-100"),
    # Vietnamese with its accents, and with typos
    ("vi", "Trà hoa vàng", "BTL-TRAHOAVANG-50"),
    ("vi", "Lạp xưởng", "HTG-LAPXUONG-500"),
    ("vi", "nuoc mam phu quok", "PQM-NM40-500"),
    ("vi", "ca phe robutsa", "EKC-ROB-250"),
    ("vi", "xaoi say deo", "STM-XOAI-250"),
    ("vi", "ruou tao meoo", "TVS-RUOU-TAOMEO"),
    ("vi", "homestey ta van", "TVS-HS-TAPTHE"),
    ("vi", "mut hong treo gio", "LBA-HONGTG-500"),
    # English names
    ("en", "anchovy fish sauce", "PQM-NM40-500"),
    ("en", "forest honey", "UMH-MO-250"),
    ("en", "artichoke tea", "LBA-ATISO-TL20"),
    ("en", "dried squid", "BTL-MUCKHO-500"),
    ("en", "silk scarf", "HOA-LUA-KHAN"),
    ("en", "lotus seeds", "STM-HATSEN-KHO-500"),
    ("en", "macadamia", "EKC-MACCA-500"),
    ("en", "conical hat", "HUE-NON-BAITHO"),
    ("en", "mulbery wine", "LBA-VANGDT-750"),
    ("en", "pottery workshop", "BTG-TOUR-NANGOM"),
    # Chinese names
    ("zh-hans", "森林蜂蜜", "UMH-MO-250"),
    ("zh-hans", "富国鱼露", "PQM-NM35-1L"),
    ("zh-hans", "罗布斯塔", "EKC-ROB-250"),
    ("zh-hans", "绿茶", "HGS-SHAN-200"),
    ("zh-hans", "芝麻糖", "HUE-MEXUNG-250"),
    ("zh-hans", "灯笼", "HOA-DENLONG-30"),
    ("zh-hans", "鱿鱼干", "BTL-MUCKHO-500"),
    # Province names (with what is wanted there)
    ("vi", "mat ong ca mau", "UMH-MO-500"),
    ("vi", "tra atiso lam dong", "LBA-ATISO-TL20"),
    ("vi", "ca phe dak lak", "EKC-ROB-250"),
    ("vi", "ruou ninh binh", "KSC-RUOU-500"),
    ("en", "honey ca mau", "UMH-MO-500"),
    # Stall and cooperative names
    ("vi", "ong mat u minh ha", "UMH-MO-500"),
    ("vi", "gom giang cao binh hut loc", "BTG-BINHHL-40"),
    ("vi", "coi kim son", "KSC-CHIEU-160"),
    ("vi", "sen thap muoi tra", "STM-TIMSEN-100"),
    ("en", "lang biang farm persimmons", "LBA-HONGSAY-250"),
]


@pytest.mark.parametrize(("language", "text", "upc"), RELEVANCE_SET, ids=[f"{q[0]}:{q[1]}" for q in RELEVANCE_SET])
def test_the_expected_product_is_among_the_first_five(backend, demo, language, text, upc):
    results = search_products(SearchQuery(text=text, language=language))

    top = [demo.upc_of(hit.id) for hit in results.hits[:TOP]]
    assert upc in top, f"{text!r} ({language}, {backend}): {top}"


def test_the_relevance_set_covers_forty_queries_of_every_kind():
    assert len(RELEVANCE_SET) >= 40
    assert {language for language, _text, _upc in RELEVANCE_SET} == {"vi", "en", "zh-hans"}
