"""One price and availability policy (shop/partner/strategy.py): the card, the product page, the search index and
the basket agree on what a product costs and whether it can be bought, and a list asks for it in a fixed number of
queries."""

from django.utils import translation
from oscar.core.loading import get_class, get_model

from catalog.search.records import build_records
from shop.partner.strategy import offer_for, prefetch_offers
from tests.catalog.test_consumer_pages import card_of, make_parent
from tests.factories import CategoryFactory, ProductClassFactory, ProductFactory

Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


def url_of(thing):
    with translation.override("vi"):
        return thing.get_absolute_url()


def search_record(product):
    return next(build_records([product.pk]))


def add_to_basket(client, product, **form):
    return client.post(f"/vi/basket/add/{product.pk}/", {"quantity": 1, **form}, follow=True)


def basket_items(client):
    return client.get("/vi/basket/").context["basket"].num_items


def test_a_parent_product_costs_its_cheapest_variants_price_on_its_card_in_search_and_in_the_basket_policy(client, db):
    # given a parent whose newest variant (the one Oscar's default strategy would price it by) is the dearer one
    category = CategoryFactory()
    jars = make_parent([("Hũ 250 ml", 95000, 4), ("Hũ 500 ml", 185000, 4)], title="Mật ong hoa nhãn", category=category)

    # when the card, the search index and the basket's policy price it
    card = card_of(client.get(url_of(category)).content.decode(), "Mật ong hoa nhãn")
    record = search_record(jars)
    basket_price = Selector().strategy().fetch_for_parent(jars).price

    # then all three say "from 95,000"
    assert "Từ 95.000\xa0₫" in card
    assert record["price"] == 95000
    assert basket_price.excl_tax == 95000


def test_a_service_that_does_not_count_stock_can_be_booked_with_none_left_everywhere(client, db):
    # given a homestay night, whose class does not track stock, with a stock of zero
    tours = ProductClassFactory(slug="dich-vu-du-lich", name="Dịch vụ du lịch", track_stock=False)
    category = CategoryFactory()
    homestay = ProductFactory(title="Homestay nhà sàn Mai Châu", product_class=tours, stock=0, category=category)

    # when a shopper looks at its card, its page and its search entry, and books it
    card = card_of(client.get(url_of(category)).content.decode(), "Homestay nhà sàn Mai Châu")
    page = client.get(url_of(homestay)).content.decode()
    record = search_record(homestay)
    add_to_basket(client, homestay)

    # then none says it is sold out, and it is in the basket
    assert "Hết hàng" not in card
    assert "Còn hàng" in page and f'action="/vi/basket/add/{homestay.pk}/"' in page
    assert record["in_stock"] is True
    assert basket_items(client) == 1


def test_a_sold_out_product_says_so_everywhere_and_stays_out_of_the_basket(client, db):
    # given honey whose last jars are held by a buyer at checkout
    category = CategoryFactory()
    honey = ProductFactory(title="Mật ong bạc hà", stock=2, category=category)
    honey.stockrecords.update(num_allocated=2)

    # when a shopper looks at it and tries to buy it
    card = card_of(client.get(url_of(category)).content.decode(), "Mật ong bạc hà")
    page = client.get(url_of(honey)).content.decode()
    record = search_record(honey)
    add_to_basket(client, honey)

    # then it is sold out on the card, the page and in search, and the basket stays empty
    assert "Hết hàng" in card
    assert "Hết hàng" in page and "/basket/add/" not in page
    assert record["in_stock"] is False
    assert basket_items(client) == 0


def test_offers_of_a_list_loaded_without_its_stock_cost_the_same_few_queries_for_3_or_12_products(
    db, django_assert_num_queries
):
    # given products, one a parent with variants, loaded without their stock records
    make_parent([("Gói 200 g", 60000, 5), ("Gói 500 g", 140000, 0)])
    for _ in range(2):
        ProductFactory()
    few = list(Product.objects.browsable().order_by("pk"))

    # when their offers are read after one prefetch, then classes, stock records and variants cost four queries
    with django_assert_num_queries(4):
        offers = [offer_for(product) for product in prefetch_offers(few)]
    assert [(offer.low_price, offer.high_price, offer.in_stock) for offer in offers][0] == (60000, 140000, True)

    # and as many for four times the products
    for _ in range(9):
        ProductFactory()
    many = list(Product.objects.browsable().order_by("pk"))
    with django_assert_num_queries(4):
        assert len([offer_for(product) for product in prefetch_offers(many)]) == 12


def test_offers_read_stock_already_loaded_with_a_list_without_asking_again(db, django_assert_num_queries):
    # given a card list, which loads stock records and variants with the products
    make_parent([("Gói 200 g", 60000, 5)])
    ProductFactory(stock=0)
    cards = list(Product.objects.browsable().for_cards().order_by("pk"))

    # when the offers are read, then no query is made
    with django_assert_num_queries(0):
        offers = [offer_for(product) for product in prefetch_offers(cards)]
    assert [offer.in_stock for offer in offers] == [True, False]
