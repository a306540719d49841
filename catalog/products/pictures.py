"""A product's pictures: adding checked ones after those it has, and removing one (a product on sale keeps one)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

ProductImage = get_model("catalogue", "ProductImage")

MAX_IMAGES = 5


def add_images(product, pictures):
    """Attach checked pictures (ContentFile) after the product's own ones; thumbnails are made as each is saved."""
    count = product.images.count()
    if count + len(pictures) > MAX_IMAGES:
        raise ValidationError(too_many_images_message(count), code="too_many_images")
    return [
        ProductImage.objects.create(product=product, original=picture, display_order=count + index)
        for index, picture in enumerate(pictures)
    ]


def too_many_images_message(existing):
    return _("Mỗi sản phẩm có tối đa %(max)s ảnh; sản phẩm này đã có %(existing)s ảnh. Hãy bỏ bớt ảnh.") % {
        "max": MAX_IMAGES,
        "existing": existing,
    }


def remove_image(image):
    """Delete one picture (and its file) of a product; a product on sale keeps at least one."""
    product = image.product
    if product.is_public and product.images.count() <= 1:
        raise ValidationError(
            _("Sản phẩm đang bày bán cần ít nhất một ảnh. Hãy thêm ảnh khác trước khi xóa ảnh này."),
            code="last_image",
        )
    name, storage = image.original.name, image.original.storage
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))
