"""Uploaded pictures (products, stall banners and logos) are judged by what they contain, never by their name or
the browser's word, then cleaned.

A member's upload must be a JPEG, PNG or WebP picture (as Pillow reads it) of at most 10 MB and 40 megapixels that
decodes to its last pixel. Its size in pixels is read from the header before anything is decoded, so a small file
that would unpack into gigabytes (a "pixel bomb") is refused cheaply. An accepted picture is turned the way its
camera meant (EXIF orientation) and encoded again in its own format, which leaves every piece of metadata behind:
the GPS position a phone writes into a photo, the camera's serial number, comments, colour profiles.
"""

import io
import warnings
from contextlib import contextmanager
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 88
# Pillow's name of each accepted format → the extension the stored file gets.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT = "image/jpeg,image/png,image/webp"  # for the file input's accept attribute (a hint; the content decides)

WRONG_TYPE = _(
    "“%(name)s” không phải ảnh JPEG, PNG hay WebP (dù tên tệp có thể ghi như vậy). Hãy chọn một ảnh chụp sản phẩm ở dạng JPG, PNG hoặc WebP."
)
TOO_LARGE = _(
    "“%(name)s” nặng %(size)s, vượt quá giới hạn 10 MB. Hãy chọn ảnh nhỏ hơn hoặc thu nhỏ ảnh trước khi tải lên."
)
TOO_MANY_PIXELS = _(
    "“%(name)s” quá lớn (%(width)s × %(height)s điểm ảnh, tối đa 40 triệu điểm ảnh). Hãy thu nhỏ ảnh trước khi tải lên."
)
PIXEL_BOMB = _("“%(name)s” quá lớn (hơn 40 triệu điểm ảnh). Hãy thu nhỏ ảnh trước khi tải lên.")
BROKEN = _("“%(name)s” bị hỏng hoặc không trọn vẹn (có thể bị cắt khi tải lên) nên không đọc được. Hãy chọn lại ảnh.")


def normalised_image(upload):
    """Check ``upload`` and return its cleaned picture as a ContentFile ready for ProductImage.original.

    Raises ValidationError with a message that names the file.
    """
    name = PurePath(upload.name or "").name or "anh"
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large", params={"name": name, "size": filesizeformat(upload.size)})
    image_format = checked_format(upload, name)
    upload.seek(0)
    with refused_as(BROKEN, "broken", name), Image.open(upload) as picture:
        picture.load()  # a file cut short fails here, at the first missing byte
        cleaned = reencoded(picture, image_format)
    upload.seek(0)
    return ContentFile(cleaned, name=f"{file_stem(name)}.{EXTENSIONS[image_format]}")


def checked_format(upload, name):
    """The picture's format, once its header, its size in pixels and its structure have been checked."""
    upload.seek(0)
    with refused_as(WRONG_TYPE, "invalid_type", name), pixel_bombs_refused(name):
        picture = Image.open(upload)  # reads the header only
    with picture:
        if picture.format not in EXTENSIONS:
            raise ValidationError(WRONG_TYPE, code="invalid_type", params={"name": name})
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise ValidationError(
                TOO_MANY_PIXELS, code="too_many_pixels", params={"name": name, "width": width, "height": height}
            )
        with refused_as(BROKEN, "broken", name):
            picture.verify()
        return picture.format


def reencoded(picture, image_format):
    """The picture upright, without metadata, in its own format."""
    upright = ImageOps.exif_transpose(picture)
    if "transparency" in upright.info:  # kept as an alpha channel, since the info it lives in is dropped
        upright = upright.convert("RGBA")
    if image_format == "JPEG" and upright.mode not in ("L", "RGB"):
        upright = upright.convert("RGB")
    elif image_format == "WEBP" and upright.mode not in ("RGB", "RGBA"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    upright.info = {}  # encoders fall back on info for EXIF, ICC profiles and text chunks
    buffer = io.BytesIO()
    options = {"quality": JPEG_QUALITY, "optimize": True} if image_format == "JPEG" else {}
    if image_format == "WEBP":
        options = {"quality": JPEG_QUALITY, "method": 4}
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def file_stem(name):
    """An ASCII name from the uploaded one ("Mật ong Đắk Lắk.JPG" → "mat-ong-dak-lak")."""
    stem = PurePath(name).stem.replace("đ", "d").replace("Đ", "D")
    return slugify(stem)[:60].strip("-") or "anh"


@contextmanager
def pixel_bombs_refused(name):
    """Pillow warns about a picture past 89 million pixels while opening it (our own, lower limit refuses it right
    after, with its size) and refuses one past twice that outright."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            yield
        except Image.DecompressionBombError as bomb:
            raise ValidationError(PIXEL_BOMB, code="too_many_pixels", params={"name": name}) from bomb


@contextmanager
def refused_as(message, code, name):
    try:
        yield
    except ValidationError:
        raise
    except Exception as unreadable:  # Pillow signals unreadable input with many exception types
        raise ValidationError(message, code=code, params={"name": name}) from unreadable
