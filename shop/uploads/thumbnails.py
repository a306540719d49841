"""Square WebP thumbnails of stored pictures, made once with Pillow when a picture is saved.

Their paths follow from the original's path (thumbs/<width>/<original path>.webp), so a page can print a srcset
without asking the database or the storage anything: one picture costs no query however many are on a page.
"""

import io
import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

WIDTHS = (160, 320, 640)
QUALITY = 78


def thumbnail_path(original_name, width):
    """thumbs/<width>/<original path, its extension replaced by .webp>; plain string work, as a list of 24 cards
    asks for 96 of these."""
    stem, _extension = posixpath.splitext(original_name)
    return f"thumbs/{width}/{stem}.webp"


def thumbnail_url(original_name, width):
    return default_storage.url(thumbnail_path(original_name, width))


def render_square(picture, width):
    square = ImageOps.fit(picture, (width, width), method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    square.save(buffer, format="WEBP", quality=QUALITY, method=4)
    return buffer.getvalue()


def make_thumbnails(image_field):
    """Write every width of the picture in ``image_field`` (a saved ImageField file), replacing older ones."""
    with image_field.open("rb") as original:
        picture = ImageOps.exif_transpose(Image.open(original))
        picture = picture.convert("RGB")
    for width in WIDTHS:
        path = thumbnail_path(image_field.name, width)
        if default_storage.exists(path):
            default_storage.delete(path)
        default_storage.save(path, ContentFile(render_square(picture, width)))


def delete_thumbnails(original_name):
    for width in WIDTHS:
        path = thumbnail_path(original_name, width)
        if default_storage.exists(path):
            default_storage.delete(path)
