"""Trigram indexes for the database search backend on PostgreSQL: its LIKE '% word%' matches on the folded text
columns use them instead of reading the whole table (100,000 products: 250 ms → 10-70 ms, bench/README.md).

PostgreSQL only (pg_trgm is a trusted extension: the database owner may create it); other databases keep scanning.
The indexes live outside the model's Meta, which cannot express them portably.
"""

from django.db import migrations

TEXT_COLUMNS = [
    f"{kind}_{language}"
    for kind in ("title", "category", "seller", "description")
    for language in ("vi", "en", "zh_hans")
]


def index_name(column):
    return f"catalogue_searchentry_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TEXT_COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index_name(column)}" ON "catalogue_searchentry" '
            f'USING gin ("{column}" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in TEXT_COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0037_search_entry"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
