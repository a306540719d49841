"""A text not yet translated shows in Vietnamese, marked as Vietnamese for screen readers and browsers."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import StorefrontFactory

TEMPLATE = Template(
    '{% load translated %}<h1>{% translated stall "name" %}</h1><p>{% translated stall "tagline" %}</p>'
)


@pytest.fixture
def stall(db):
    return StorefrontFactory(name_vi="Chè Tân Cương", name_en="Tan Cuong tea", tagline_vi="Chè <ngon> nhất")


def render(stall, language):
    with translation.override(language):
        return TEMPLATE.render(Context({"stall": stall}))


def test_translated_text_shows_in_the_page_language(stall):
    assert "<h1>Tan Cuong tea</h1>" in render(stall, "en")


def test_missing_translation_falls_back_to_vietnamese_with_its_lang(stall):
    html = render(stall, "zh-hans")
    assert '<h1><span lang="vi">Chè Tân Cương</span></h1>' in html
    assert '<span lang="vi">Chè &lt;ngon&gt; nhất</span>' in html


def test_vietnamese_pages_need_no_marker(stall):
    assert render(stall, "vi") == "<h1>Chè Tân Cương</h1><p>Chè &lt;ngon&gt; nhất</p>"


def test_stall_page_marks_its_untranslated_texts_as_vietnamese(client, stall):
    with translation.override("en"):
        url = stall.get_absolute_url()
    html = client.get(url).content.decode()
    assert '<h1 class="mb-1">Tan Cuong tea</h1>' in html
    assert '<p class="lead mb-0" lang="vi">Chè &lt;ngon&gt; nhất</p>' in html
