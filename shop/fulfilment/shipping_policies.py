"""A stall's own shipping settings: saving what its member chose, and the one line that tells buyers about them.

The line ("Giao từ Lâm Đồng · phí từ 25.000 ₫ · không giao ra nước ngoài") is said the same way on the stall page
and on each product page, from the policy the stall saved; a stall that saved none shows no line (it cannot put a
product on sale either: catalog.products.publish_problems).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.templatetags.currency_filters import currency

from shop.fulfilment.models import ShippingPolicy
from shop.locking import for_update

CHOICES = ("rate_in_region", "rate_other_regions", "rate_abroad", "free_over", "allows_pickup", "handover_days")


def saved_policy(storefront):
    """The policy the stall saved, or None (select_related("shipping_policy") makes this free)."""
    try:
        return storefront.shipping_policy
    except ShippingPolicy.DoesNotExist:
        return None


def suggested_policy(storefront):
    """What the shipping screen shows a stall that has saved nothing yet: the model's suggested values, unsaved."""
    return ShippingPolicy(storefront=storefront)


@transaction.atomic
def save_shipping_policy(storefront, choices):
    """Save the stall's shipping settings (``choices``: the CHOICES the form cleaned); returns the policy."""
    policy, _created = for_update(ShippingPolicy).get_or_create(
        storefront=storefront, defaults={name: choices[name] for name in CHOICES}
    )
    for name in CHOICES:
        setattr(policy, name, choices[name])
    policy.save()
    storefront.shipping_policy = policy
    return policy


def vnd(amount):
    return currency(amount, "VND")


def shipping_summary(policy, province):
    """The parts of the buyer's line, in the active language: where from, the lowest fee, free shipping, abroad,
    pickup and the days before the parcel leaves. Empty for no policy."""
    if policy is None:
        return []
    parts = []
    if province is not None:
        parts.append(_("Giao từ %(province)s") % {"province": province.name})
    parts.append(_("phí từ %(fee)s") % {"fee": vnd(policy.lowest_rate)})
    if policy.free_over is not None:
        parts.append(_("miễn phí giao cho đơn từ %(amount)s") % {"amount": vnd(policy.free_over)})
    if policy.delivers_abroad:
        parts.append(_("giao ra nước ngoài %(fee)s") % {"fee": vnd(policy.rate_abroad)})
    else:
        parts.append(_("không giao ra nước ngoài"))
    if policy.allows_pickup:
        parts.append(_("nhận tại hợp tác xã"))
    if policy.handover_days:
        parts.append(
            ngettext("gửi hàng trong %(days)s ngày", "gửi hàng trong %(days)s ngày", policy.handover_days)
            % {"days": policy.handover_days}
        )
    else:
        parts.append(_("gửi hàng trong ngày"))
    return parts
