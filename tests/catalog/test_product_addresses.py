"""A product's address reads as its Vietnamese name without accents, "đ" included."""

from tests.factories import ProductFactory


def test_a_title_with_d_stroke_gives_an_address_with_a_plain_d(db, client):
    product = ProductFactory(title="Nước mắm Đồ Sơn 40 độ đạm, chai 500 ml")

    response = client.get(product.get_absolute_url())

    assert product.slug == "nuoc-mam-do-son-40-do-dam-chai-500-ml"
    assert "u0111" not in product.get_absolute_url()
    assert response.status_code == 200
