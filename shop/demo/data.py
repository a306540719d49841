"""The demo marketplace's data, read from the JSON files in shop/demo/fixtures/.

- ``categories.json``: the six OCOP product groups, in the programme's order, each with its subcategories;
- ``cooperatives/NN-key.json``: one approved cooperative a file, with its stall and its products (the first file is the
  demo member's own cooperative);
- ``applications/NN-key.json``: cooperatives whose stall application still waits for union staff;
- ``ocop_certificates.json``: certificates the demo's stalls declared and union staff verified.

Every record carries a stable key (category key, registration number, stall slug, SKU), so shop/demo/loader.py can
run again without creating duplicates. Cooperatives, people and contact details are invented; e-mail addresses and
websites live under .example.vn. Provinces are the 34 units in force since 1 July 2025, addresses the commune, ward or
special zone below them.
"""

import json
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(name):
    with (FIXTURES / name).open(encoding="utf-8") as file:
        return json.load(file)


def read_folder(name):
    return [read(f"{name}/{path.name}") for path in sorted((FIXTURES / name).glob("*.json"))]


@cache
def categories():
    return read("categories.json")


@cache
def cooperatives():
    return read_folder("cooperatives")


@cache
def applications():
    return read_folder("applications")


@cache
def ocop_certificates():
    return read("ocop_certificates.json")
