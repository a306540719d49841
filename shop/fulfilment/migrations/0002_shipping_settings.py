import django.core.validators
from django.db import migrations, models

# What checkout charged a stall that had never set its own policy (the model's defaults when this migration was made).
CHARGED_BEFORE = {"rate_in_region": 25_000, "rate_other_regions": 40_000, "allows_pickup": True}


def record_what_stalls_charged(apps, schema_editor):
    """A stall with products on sale but no policy of its own was charging the defaults: save them as its policy, so
    that it keeps selling (publishing now needs a saved policy) and sees and edits on its shipping screen what its
    buyers are charged."""
    ShippingPolicy = apps.get_model("fulfilment", "ShippingPolicy")
    Storefront = apps.get_model("storefronts", "Storefront")
    selling = Storefront.objects.filter(products__is_public=True, shipping_policy__isnull=True).distinct()
    ShippingPolicy.objects.bulk_create(ShippingPolicy(storefront=stall, **CHARGED_BEFORE) for stall in selling)


class Migration(migrations.Migration):
    dependencies = [
        ("fulfilment", "0001_initial"),
        ("catalogue", "0040_product_low_stock_threshold"),
    ]

    operations = [
        migrations.AddField(
            model_name="shippingpolicy",
            name="handover_days",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="Số ngày từ khi xác nhận đơn tới khi giao hàng cho đơn vị vận chuyển.",
                validators=[django.core.validators.MaxValueValidator(30)],
                verbose_name="Số ngày chuẩn bị hàng",
            ),
        ),
        migrations.RunPython(record_what_stalls_charged, migrations.RunPython.noop),
    ]
