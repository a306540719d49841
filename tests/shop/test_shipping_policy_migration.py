"""Migration fulfilment 0002: stalls that were selling without a shipping policy of their own keep charging what
checkout charged them (now saved, so they see and edit it); stalls not selling are left to choose."""

import importlib

from django.apps import apps

from shop.fulfilment.models import ShippingPolicy
from tests.factories import ProductFactory, ShippingPolicyFactory, StorefrontFactory

migration = importlib.import_module("shop.fulfilment.migrations.0002_shipping_settings")


def test_stalls_selling_without_a_policy_get_the_fees_they_were_charging(db):
    selling = ProductFactory().storefront
    with_own = ProductFactory().storefront
    ShippingPolicyFactory(storefront=with_own, rate_in_region=18_000)
    only_drafts = ProductFactory(is_public=False).storefront
    empty = StorefrontFactory()

    migration.record_what_stalls_charged(apps, None)

    saved = ShippingPolicy.objects.get(storefront=selling)
    assert (saved.rate_in_region, saved.rate_other_regions, saved.rate_abroad, saved.allows_pickup) == (
        25_000,
        40_000,
        None,
        True,
    )
    assert ShippingPolicy.objects.get(storefront=with_own).rate_in_region == 18_000
    assert not ShippingPolicy.objects.filter(storefront__in=[only_drafts, empty]).exists()
