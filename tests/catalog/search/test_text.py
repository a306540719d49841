"""What search reads in a shopper's words, and how it shows matches: plain functions, no database."""

from catalog.search.client import plain_media_type
from catalog.search.highlight import from_markers, mark, snippet
from catalog.search.text import edit_distance, fold, folded_words, query_terms, strip_html, typo_matches


def test_vietnamese_folds_to_plain_letters():
    assert fold("Mật ong rừng Đắk Lắk") == "mat ong rung dak lak"
    assert fold("NƯỚC MẮM PHÚ QUỐC") == "nuoc mam phu quoc"
    assert folded_words("Trà Shan tuyết, hộp 200 g!") == " tra shan tuyet hop 200 g "


def test_query_syntax_is_not_syntax_but_ignored_punctuation():
    assert query_terms('"mật ong" AND title:(rừng*) ~2 \\ 🍯') == ["mật", "ong", "and", "title", "rừng", "2"]
    assert query_terms("") == []
    assert len(query_terms("từ " * 500)) == 1
    assert len(query_terms(" ".join(f"w{i}" for i in range(100)))) == 12


def test_chinese_is_read_in_character_pairs():
    assert query_terms("野生蜂蜜") == ["野生", "生蜂", "蜂蜜"]
    assert query_terms("茶") == ["茶"]
    assert query_terms("ST25大米") == ["st25", "大米"]


def test_typo_distance_counts_a_swap_of_neighbours_once():
    assert edit_distance("robutsa", "robusta", 2) == 1
    assert edit_distance("quok", "quoc", 1) == 1
    assert edit_distance("xylophone", "mat", 2) == 3


def test_a_typo_is_read_as_the_catalogue_words_within_its_distance():
    vocabulary = frozenset({"robusta", "robot", "quoc", "quan", "mat", "meo"})

    assert typo_matches("robutsa", vocabulary) == ["robusta"]
    assert typo_matches("quok", vocabulary) == ["quoc"]
    assert typo_matches("ma", vocabulary) == []  # two letters: no typo allowed, as Elasticsearch's AUTO


def test_descriptions_lose_their_markup():
    assert strip_html("<p>Mật ong <b>rừng</b>&nbsp;U&amp;Minh</p>") == "Mật ong rừng U&Minh"


def test_highlights_escape_product_text_and_mark_only_matches():
    assert mark("Mật ong <script>", ["mat"]) == "<mark>Mật</mark> ong &lt;script&gt;"
    assert from_markers("\ue000Mật\ue001 & <b>") == "<mark>Mật</mark> &amp; &lt;b&gt;"
    assert mark("Nước mắm", ["ong"]) == ""


def test_a_description_snippet_is_cut_around_the_first_match():
    text = "Một câu mở đầu rất dài. " * 20 + "Mật ong rừng U Minh." + " Câu kết." * 30
    found = snippet(text, ["mat"])
    assert "<mark>Mật</mark>" in found and found.startswith("…") and found.endswith("…")
    assert len(found) < 250


def test_the_client_asks_for_plain_json():
    assert plain_media_type("application/vnd.elasticsearch+json; compatible-with=8") == "application/json"
    assert plain_media_type("application/vnd.elasticsearch+x-ndjson; compatible-with=8") == "application/x-ndjson"
    assert plain_media_type("text/plain") == "text/plain"
