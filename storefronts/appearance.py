"""A stall's appearance: its theme, primary colour, banner and logo, as the member chooses, previews and saves them.

Pictures are judged by content and cleaned by shop.uploads.images first, then:

- the banner's cleaned picture is kept (shrunk to at most SOURCE_MAX pixels a side, WebP) as ``banner_source``, and
  the banner shown is cut from its centre to the theme's shape, at most BANNER_WIDTH wide, in WebP, with a copy for
  phones at the site's thumbnail path; a change of theme cuts the kept picture again;
- the logo is shrunk to fit LOGO_SIZE × LOGO_SIZE, whole (a logo is never cropped), in WebP.

Between the form and "Lưu" (a preview, or a form sent back with a mistake) checked pictures wait in the holding area
of shop.uploads.held, named in the page by a token signed for this stall, so they are not picked again and
no other stall can use them. Nothing is written to the stall before ``save_appearance``.
"""

import io
import secrets
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from shop.uploads import held, images, thumbnails
from storefronts.theming import (
    BANNER_SMALL_WIDTH,
    BANNER_WIDTH,
    Appearance,
    appearance_of,
    theme_named,
    validate_hex_colour,
)

BANNER_MIN_WIDTH = 600
BANNER_MIN_HEIGHT = 200
LOGO_SIZE = 256
LOGO_MIN_SIZE = 96
SOURCE_MAX = 2400
QUALITY = 82

BANNER_TOO_SMALL = _(
    "Ảnh bìa “%(name)s” nhỏ quá (%(width)s × %(height)s điểm ảnh): cần rộng ít nhất %(min_width)s và cao ít nhất %(min_height)s điểm ảnh để hiện rõ trên trang gian hàng."
)
LOGO_TOO_SMALL = _(
    "Logo “%(name)s” nhỏ quá (%(width)s × %(height)s điểm ảnh): cạnh dài cần ít nhất %(minimum)s điểm ảnh để hiện rõ."
)


# --- Checking uploads -------------------------------------------------------------------------------------------------


def picture_size(picture):
    picture.seek(0)
    with Image.open(picture) as opened:
        size = opened.size
    picture.seek(0)
    return size


def checked_banner(upload):
    """The cleaned picture (ContentFile) of an uploaded banner, or ValidationError in Vietnamese."""
    picture = images.normalised_image(upload)
    width, height = picture_size(picture)
    if width < BANNER_MIN_WIDTH or height < BANNER_MIN_HEIGHT:
        raise ValidationError(
            BANNER_TOO_SMALL,
            code="too_small",
            params={
                "name": PurePosixPath(upload.name or "").name,
                "width": width,
                "height": height,
                "min_width": BANNER_MIN_WIDTH,
                "min_height": BANNER_MIN_HEIGHT,
            },
        )
    return picture


def checked_logo(upload):
    """The cleaned picture (ContentFile) of an uploaded logo, or ValidationError in Vietnamese."""
    picture = images.normalised_image(upload)
    width, height = picture_size(picture)
    if max(width, height) < LOGO_MIN_SIZE:
        raise ValidationError(
            LOGO_TOO_SMALL,
            code="too_small",
            params={
                "name": PurePosixPath(upload.name or "").name,
                "width": width,
                "height": height,
                "minimum": LOGO_MIN_SIZE,
            },
        )
    return picture


# --- Making the stored pictures ---------------------------------------------------------------------------------------


def opened(picture_bytes):
    image = Image.open(io.BytesIO(picture_bytes))
    image.load()
    return image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")


def webp(image, quality=QUALITY):
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=quality, method=4)
    return buffer.getvalue()


def banner_size(source_size, ratio):
    """The largest ``ratio``-shaped size inside ``source_size``, at most BANNER_WIDTH wide (never enlarged)."""
    ratio_width, ratio_height = ratio
    unit = min(source_size[0] // ratio_width, source_size[1] // ratio_height, BANNER_WIDTH // ratio_width)
    return unit * ratio_width, unit * ratio_height


def cropped_banner(source_bytes, ratio):
    """The banner cut from the centre of the picture to ``ratio`` (width, height), as WebP bytes."""
    image = opened(source_bytes).convert("RGB")
    return webp(ImageOps.fit(image, banner_size(image.size, ratio), method=Image.Resampling.LANCZOS))


def small_copy(banner_bytes):
    """The banner at most BANNER_SMALL_WIDTH wide, for phones."""
    image = opened(banner_bytes)
    image.thumbnail((BANNER_SMALL_WIDTH, BANNER_SMALL_WIDTH), Image.Resampling.LANCZOS)
    return webp(image, quality=thumbnails.QUALITY)


def kept_source(picture_bytes):
    """The uploaded banner as kept for cropping again later: at most SOURCE_MAX a side, WebP."""
    image = opened(picture_bytes).convert("RGB")
    image.thumbnail((SOURCE_MAX, SOURCE_MAX), Image.Resampling.LANCZOS)
    return webp(image, quality=88)


def logo_picture(picture_bytes):
    """The logo whole, shrunk to fit LOGO_SIZE square (transparency kept), as WebP bytes."""
    image = opened(picture_bytes)
    image.thumbnail((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)
    return webp(image, quality=90)


def stored_name(storefront, folder=""):
    """A fresh name (so no browser shows a cached old picture), relative to the field's upload folder."""
    return f"{folder}{storefront.slug[:40]}-{secrets.token_hex(4)}.webp"


# --- The member's choices ---------------------------------------------------------------------------------------------


@dataclass
class Choices:
    """What the appearance form decided. ``banner``/``logo``: a new checked picture (ContentFile), else None."""

    theme: object
    primary_color: str = ""  # "" keeps the theme's own colour
    banner: ContentFile | None = None
    logo: ContentFile | None = None
    remove_banner: bool = False
    remove_logo: bool = False
    held: list = field(default_factory=list)  # HeldUploads to discard once saved


def hold(storefront, picture):
    """Keep a checked picture for the next submission of the form; returns its shop.uploads.held.HeldUpload."""
    return held.hold_upload(storefront, picture)


def held_picture(storefront, token):
    """The HeldUpload a token names for this stall, or None (tampered, stale, another stall's, gone)."""
    return held.held_upload(storefront, token) if token else None


def held_url(upload):
    return default_storage.url(upload.path)


def previewed(storefront, choices, banner_url="", logo_url=""):
    """The look ``choices`` would give, for the preview; ``banner_url``/``logo_url``: held pictures to show.

    A banner that stays is shown from its kept picture, so a change of theme shows the crop "Lưu" will make.
    """
    theme = choices.theme
    saved = appearance_of(storefront)
    if not banner_url and not choices.remove_banner and storefront.banner:
        banner_url = storefront.banner_source.url if storefront.banner_source else saved.banner_url
    if not logo_url and not choices.remove_logo:
        logo_url = saved.logo_url
    return Appearance(
        theme=theme, primary=choices.primary_color or theme.primary, banner_url=banner_url, logo_url=logo_url
    )


# --- Saving -----------------------------------------------------------------------------------------------------------


@transaction.atomic
def save_appearance(storefront, choices):
    """Write the member's choices to the stall: theme and colour, a new, removed or re-cropped banner, a new or
    removed logo. Replaced files are deleted once the change is committed."""
    if choices.primary_color:
        validate_hex_colour(choices.primary_color)  # checked by the form already; the model's rule holds here too
    replaced = []
    theme_changed = theme_named(storefront.theme) is not choices.theme
    storefront.theme = choices.theme.slug
    storefront.primary_color = choices.primary_color
    if choices.banner is not None:
        replaced += banner_files(storefront)
        choices.banner.seek(0)
        storefront.banner_source.save(
            stored_name(storefront),
            ContentFile(kept_source(choices.banner.read())),
            save=False,
        )
        store_banner(storefront)
    elif choices.remove_banner:
        replaced += banner_files(storefront)
        storefront.banner = storefront.banner_source = ""
    elif theme_changed and storefront.banner_source:
        replaced.append(storefront.banner.name)
        store_banner(storefront)
    if choices.logo is not None or choices.remove_logo:
        replaced.append(storefront.logo.name)
        storefront.logo = ""
    if choices.logo is not None:
        choices.logo.seek(0)
        storefront.logo.save(stored_name(storefront), ContentFile(logo_picture(choices.logo.read())), save=False)
    storefront.save(update_fields=["theme", "primary_color", "banner", "banner_source", "logo", "updated_at"])
    for name in filter(None, replaced):
        transaction.on_commit(lambda name=name: delete_picture(name))
    for upload in choices.held:
        transaction.on_commit(upload.discard)
    return storefront


def banner_files(storefront):
    return [storefront.banner.name, storefront.banner_source.name]


def store_banner(storefront):
    """Cut the kept picture to the stall's theme and store it with its phone copy."""
    with storefront.banner_source.open("rb") as source:
        banner = cropped_banner(source.read(), theme_named(storefront.theme).banner_ratio)
    # The banner field's folder is storefronts/banners/; its "themed/" subfolder is BANNER_FOLDER.
    storefront.banner.save(stored_name(storefront, "themed/"), ContentFile(banner), save=False)
    default_storage.save(
        thumbnails.thumbnail_path(storefront.banner.name, BANNER_SMALL_WIDTH), ContentFile(small_copy(banner))
    )


def delete_picture(name):
    """A replaced picture and any copies of it made at the site's thumbnail paths."""
    if default_storage.exists(name):
        default_storage.delete(name)
    thumbnails.delete_thumbnails(name)
