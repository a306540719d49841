"""Pictures are shared code (shop.uploads), so storefronts no longer reaches into catalog for them and catalog and
storefronts do not import each other in a circle for uploads. Read from the source with ``ast``: an import inside a
function counts too."""

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
OUR_APPS = ("catalog", "storefronts", "ocop", "translations", "themes")
UPLOAD_CODE_THAT_LEFT_CATALOG = ("catalog.image_validation", "catalog.thumbnails")


def imported_modules(package):
    """{(file, module it imports)} for every Python file under ``package``; ``from a import b`` gives a and a.b."""
    found = set()
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(path.relative_to(ROOT).as_posix(), alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((path.relative_to(ROOT).as_posix(), node.module))
                found |= {(path.relative_to(ROOT).as_posix(), f"{node.module}.{alias.name}") for alias in node.names}
    return found


def test_storefronts_takes_pictures_from_shop_uploads_not_from_catalog():
    held_in_catalog = {"catalog.products.hold_upload", "catalog.products.held_upload", "catalog.products.HeldUpload"}

    reaching_into_catalog = {
        (path, module)
        for path, module in imported_modules("storefronts")
        if module.startswith(UPLOAD_CODE_THAT_LEFT_CATALOG) or module in held_in_catalog or module == "catalog.products"
    }

    assert reaching_into_catalog == set()


def test_the_shared_uploads_package_imports_none_of_our_apps():
    imports = imported_modules("shop/uploads")

    assert {(path, module) for path, module in imports if module.split(".")[0] in OUR_APPS} == set()


@pytest.mark.parametrize("old_module", UPLOAD_CODE_THAT_LEFT_CATALOG)
def test_no_shim_is_left_where_the_upload_code_used_to_be(old_module):
    assert importlib.util.find_spec(old_module) is None


def test_catalog_products_no_longer_holds_uploads():
    from catalog import products

    assert not {"hold_upload", "held_upload", "purge_held_uploads", "HeldUpload"} & set(vars(products))
