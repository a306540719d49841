import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from tests.factories import ProductFactory, StorefrontFactory
from tests.shop.checkout.conftest import add_to_basket, check_out, fill_in_checkout

Order = get_model("order", "Order")

@pytest.mark.parametrize("stalls,per_stall", [(1, 1), (3, 1), (3, 3), (1, 5)])
def test_measure(client, db, stalls, per_stall):
    products = []
    for s in range(stalls):
        sf = StorefrontFactory()
        for i in range(per_stall):
            products.append(ProductFactory(storefront=sf))
    for p in products:
        add_to_basket(client, p)
    sfs = list({p.storefront for p in products})
    out = {}
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("fulfilment:checkout"))
    out["form"] = len(q)
    fill_in_checkout(client, sfs)
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("fulfilment:review"))
    out["review"] = len(q)
    if stalls == 1 and per_stall == 5:
        print("\n".join(x["sql"][:300] for x in q.captured_queries))
    client.post(reverse("fulfilment:review"))
    order = Order.objects.get()
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("fulfilment:order", kwargs={"number": order.number}))
    out["order"] = len(q)
    if False:
        print("\n".join(x["sql"][:200] for x in q.captured_queries))
    print("MEASURE", stalls, per_stall, out)
