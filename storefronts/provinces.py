"""The 34 provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15), from data/provinces.csv."""

import csv
from pathlib import Path

from django.utils.text import slugify

PROVINCES_CSV = Path(__file__).resolve().parent / "data" / "provinces.csv"
KINDS = {"centrally-run city": "city", "province": "province"}


def load_provinces(Province):
    """Create or refresh every province; ``Province`` may be the real model or a migration's historical one."""
    with PROVINCES_CSV.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            Province.objects.update_or_create(
                slug=slugify(row["name_en"]),
                defaults={
                    "name": row["name_vi"],
                    "name_vi": row["name_vi"],
                    "name_en": row["name_en"],
                    "kind": KINDS[row["kind"]],
                },
            )
