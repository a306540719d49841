"""A product's address reads as its Vietnamese name without accents, "đ" included."""

import importlib

from django.apps import apps

from tests.factories import ProductFactory


def test_a_title_with_d_stroke_gives_an_address_with_a_plain_d(db, client):
    product = ProductFactory(title="Nước mắm Đồ Sơn 40 độ đạm, chai 500 ml")

    response = client.get(product.get_absolute_url())

    assert product.slug == "nuoc-mam-do-son-40-do-dam-chai-500-ml"
    assert "u0111" not in product.get_absolute_url()
    assert response.status_code == 200


def test_an_address_made_before_keeps_working_and_leads_to_the_new_one(db, client):
    product = ProductFactory(title="Nước mắm Đồ Sơn, chai 500 ml")
    old = product.get_absolute_url().replace("nuoc-mam-do-son", "nuoc-mam-u0111o-son")

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == product.get_absolute_url()


def test_the_data_migration_respells_the_addresses_made_before(db):
    old = ProductFactory(title="Nước mắm Đồ Sơn, chai 500 ml")
    type(old).objects.filter(pk=old.pk).update(slug="nuoc-mam-u0111o-son-chai-500-ml")
    plain = ProductFactory(title="Mật ong rừng", slug="mat-ong-rung-cu")
    migration = importlib.import_module("catalog.migrations.0041_product_slugs_spell_d")

    migration.respell(apps, None)

    old.refresh_from_db()
    plain.refresh_from_db()
    assert old.slug == "nuoc-mam-do-son-chai-500-ml"
    assert plain.slug == "mat-ong-rung-cu"  # an address without "u0111" is left as it is
