"""Files only some people may read (registration certificates, OCOP scans, uploaded spreadsheets, complaint photos).

They live in one storage, the ``"private"`` alias of STORAGES: a folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT) on
one machine, or a private S3 bucket (or prefix) once S3 is configured, so every web server and Celery worker reads
the same files. Nothing there has a public address: a view checks who asks, then ``private_file_response`` streams
the file from the folder or redirects to a link the object store signs for a few minutes.
"""

import os

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class LocalPrivateStorage(FileSystemStorage):
    """The folder PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and with no URL.

    The folder is read from settings on every use so a test (or a deployment) can move it.
    """

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def head(self, name, size):
        """The file's first ``size`` bytes (to tell its type from its content)."""
        with self.open(name, "rb") as handle:
            return handle.read(size)

    def signed_url(self, name, *, filename, content_type, as_attachment):
        """None: a folder has no address of its own, the view streams the file."""
        return None


class PrivateS3Storage(S3Storage):
    """A private bucket or prefix: objects written with the private ACL, read only through short-lived signed links.

    Never behind the public media's custom domain (a CDN would need its own signing keys).
    """

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False
    custom_domain = None
    signature_version = "s3v4"  # the query string names the link's date and lifetime (X-Amz-Date, X-Amz-Expires)

    def head(self, name, size):
        """The object's first ``size`` bytes, by a ranged GET rather than downloading the whole object."""
        key = self._normalize_name(clean_name(name))
        try:
            return self.bucket.Object(key).get(Range=f"bytes=0-{size - 1}")["Body"].read()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "InvalidRange":  # an empty object
                return b""
            raise

    def signed_url(self, name, *, filename, content_type, as_attachment):
        """A GET link valid for PRIVATE_URL_EXPIRY seconds, whose response carries our name and content type."""
        parameters = {
            "ResponseContentType": content_type,
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseCacheControl": "private, no-store",
        }
        return self.url(name, parameters=parameters, expire=settings.PRIVATE_URL_EXPIRY)


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up again when a test or a deployment changes STORAGES.

    Model fields bind their storage once, at import; this stand-in lets them follow the setting.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


@receiver(setting_changed)
def forget_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_URL_EXPIRY") or setting.startswith("AWS_"):
        private_storage._wrapped = empty


def private_file_response(fieldfile, *, filename, content_type, as_attachment=True):
    """Hand a private file to someone a view has already allowed to read it; never kept by any cache.

    From the folder the file is streamed; from S3 the answer is a redirect to a link signed for a few minutes, so the
    bytes come from the object store and the link is useless once it expires.
    """
    url = fieldfile.storage.signed_url(
        fieldfile.name, filename=filename, content_type=content_type, as_attachment=as_attachment
    )
    if url:
        response = HttpResponseRedirect(url)
    else:
        handle = fieldfile.open("rb")
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
