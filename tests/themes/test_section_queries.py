"""The home page fetches what its sections show; the section blocks only hold the editors' choices."""

import ast
from pathlib import Path

import themes.blocks

BLOCKS_SOURCE = Path(themes.blocks.__file__).read_text()


def imported_modules(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_section_blocks_do_not_import_the_page_models_back():
    assert "themes.models" not in set(imported_modules(BLOCKS_SOURCE))


def test_a_section_rendered_without_the_page_shows_its_heading_and_runs_no_query(django_assert_num_queries, db):
    block = themes.blocks.NewProductsBlock()
    value = block.to_python({"heading": {"vi": "Hàng mới về", "en": "", "zh_hans": ""}, "count": 4})

    with django_assert_num_queries(0):
        html = block.render(value)

    assert "Hàng mới về" in html
