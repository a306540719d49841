"""Product addresses made before OSCAR_SLUG_MAP spelled "đ" as "u0111" (Oscar's ASCII slugifier has no decomposition
for it): they are made again from the Vietnamese title. The old address still opens the product, which Oscar's detail
view redirects to its address by the id it carries."""

from django.db import migrations
from oscar.core.utils import slugify


def respell(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    for product in Product.objects.filter(slug__contains="u0111").only("pk", "title", "title_vi"):
        slug = slugify(product.title_vi or product.title)[:255]
        Product.objects.filter(pk=product.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0040_product_low_stock_threshold")]

    operations = [migrations.RunPython(respell, migrations.RunPython.noop)]
