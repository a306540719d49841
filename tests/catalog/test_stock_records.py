"""A product's stock record is built in one place: whether a member types a product in the form or imports it from a
spreadsheet, it is the stall's partner's record with the product's own SKU, a price in whole đồng (VND) and its
stock, and saving new figures changes that one record."""

from decimal import Decimal

from catalog.products.stock_records import build_stock_record, save_stock_record
from tests.factories import ProductFactory, StorefrontFactory


def test_a_products_first_stock_record_is_its_stalls_with_its_own_sku_price_and_stock(db):
    shop = StorefrontFactory()
    product = ProductFactory(storefront=shop)
    product.stockrecords.all().delete()

    save_stock_record(product, shop.partner, 185000, 20)

    record = product.stockrecords.get()
    assert (record.partner, record.partner_sku, record.price_currency) == (shop.partner, f"HTX-{product.pk:07d}", "VND")
    assert (record.price, record.num_in_stock) == (Decimal(185000), 20)


def test_saving_new_figures_changes_the_products_one_stock_record(db):
    shop = StorefrontFactory()
    product = ProductFactory(storefront=shop)
    before = product.stockrecords.get()

    save_stock_record(product, shop.partner, 99000, None)

    after = product.stockrecords.get()
    assert (after.pk, after.partner_sku) == (before.pk, before.partner_sku)
    assert (after.price, after.num_in_stock) == (Decimal(99000), 0)


def test_an_unpriced_draft_gets_a_stock_record_without_a_price(db):
    shop = StorefrontFactory()
    product = ProductFactory(storefront=shop)

    record = build_stock_record(product, shop.partner, None, 5)

    assert (record.price, record.num_in_stock) == (None, 5)
    assert record.pk is None  # built, not saved: the caller saves it or inserts many at once
