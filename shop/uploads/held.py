"""Pictures held between two submissions of a form, so that a member never uploads the same picture twice.

A picture that passed its check in a form that failed elsewhere (a product form, a stall's appearance) is kept aside
(``hold_upload``) under MEDIA_ROOT/pending-uploads/<random>/ with a small preview, and named in the re-rendered form
by a signed token: the member does not pick it again and cannot point the form at any other file, nor at another
stall's picture. ``purge_held_uploads`` clears those whose forms were abandoned.
"""

import contextlib
import io
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from shop.uploads import thumbnails

HELD_FOLDER = "pending-uploads"
HELD_SALT = "catalog.products.held-upload"  # where this lived first: tokens issued before the move stay good
HELD_MAX_AGE = timedelta(days=2)
PREVIEW_NAME = "preview.webp"


@dataclass(frozen=True)
class HeldUpload:
    """A checked picture kept aside while its form is being fixed."""

    token: str
    path: str

    @property
    def filename(self):
        return PurePosixPath(self.path).name

    @property
    def preview_url(self):
        return default_storage.url(str(PurePosixPath(self.path).parent / PREVIEW_NAME))

    def content(self):
        with default_storage.open(self.path, "rb") as handle:
            return ContentFile(handle.read(), name=self.filename)

    def discard(self):
        folder = PurePosixPath(self.path).parent
        for name in (self.path, str(folder / PREVIEW_NAME)):
            if default_storage.exists(name):
                default_storage.delete(name)
        remove_empty_folder(str(folder))


def remove_empty_folder(folder):
    """A file system keeps empty folders (object stores have none): remove the holding folder once emptied."""
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(folder))


def hold_upload(storefront, picture):
    """Keep a checked picture (ContentFile) in a fresh folder of the holding area; returns its HeldUpload."""
    folder = PurePosixPath(HELD_FOLDER, secrets.token_urlsafe(18))
    picture.seek(0)
    data = picture.read()
    path = default_storage.save(str(folder / PurePosixPath(picture.name).name), ContentFile(data))
    with Image.open(io.BytesIO(data)) as opened:
        preview = thumbnails.render_square(opened.convert("RGB"), thumbnails.WIDTHS[0])
    default_storage.save(str(folder / PREVIEW_NAME), ContentFile(preview))
    token = signing.dumps({"stall": storefront.pk, "path": path}, salt=HELD_SALT, compress=True)
    return HeldUpload(token=token, path=path)


def held_upload(storefront, token):
    """The HeldUpload a token names, or None when it was tampered with, is stale, is another stall's or is gone."""
    try:
        value = signing.loads(token, salt=HELD_SALT, max_age=HELD_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    path = value.get("path", "") if isinstance(value, dict) else ""
    parts = PurePosixPath(path).parts
    if value.get("stall") != storefront.pk or len(parts) != 3 or parts[0] != HELD_FOLDER or ".." in parts:
        return None
    if not default_storage.exists(path):
        return None
    return HeldUpload(token=token, path=path)


def purge_held_uploads(older_than=HELD_MAX_AGE):
    """Delete held pictures whose forms were abandoned (their tokens have expired); returns how many folders."""
    limit = timezone.now() - older_than
    try:
        folders, _files = default_storage.listdir(HELD_FOLDER)
    except FileNotFoundError:
        return 0
    purged = 0
    for folder in folders:
        path = f"{HELD_FOLDER}/{folder}"
        _subfolders, names = default_storage.listdir(path)
        stamps = [default_storage.get_modified_time(f"{path}/{name}") for name in names]
        if all(stamp < limit for stamp in stamps):
            for name in names:
                default_storage.delete(f"{path}/{name}")
            remove_empty_folder(path)
            purged += 1
    return purged
