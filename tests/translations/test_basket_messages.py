"""What a shopper reads after adding to the basket is in their language: Oscar's own Vietnamese catalogue leaves
"Your basket total is now …" untranslated, so the site words these messages itself."""

import pytest

from tests.factories import ProductFactory


@pytest.fixture
def honey(db):
    return ProductFactory(title_vi="Mật ong rừng U Minh", title_en="U Minh forest honey", stock=10)


@pytest.mark.parametrize(
    ("language", "added", "total"),
    [
        ("vi", "Đã thêm <strong>Mật ong rừng U Minh</strong> vào giỏ hàng.", "Tổng giỏ hàng bây giờ là"),
        ("en", "<strong>U Minh forest honey</strong> has been added to your basket.", "Your basket total is now"),
        ("zh-hans", "已将 <strong>", "购物车总额现为"),
    ],
)
def test_adding_to_the_basket_is_confirmed_in_the_shoppers_language(client, honey, language, added, total):
    response = client.post(
        f"/{language}/basket/add/{honey.pk}/", {"quantity": 1}, HTTP_REFERER=f"/{language}/", follow=True
    )

    html = response.content.decode()
    assert added in html
    assert total in html
    assert "Your basket total" not in html or language == "en"


def test_adding_several_says_how_many(client, honey):
    response = client.post(f"/vi/basket/add/{honey.pk}/", {"quantity": 3}, HTTP_REFERER="/vi/", follow=True)

    assert (
        "Đã thêm <strong>3</strong> × <strong>Mật ong rừng U Minh</strong> vào giỏ hàng." in response.content.decode()
    )
