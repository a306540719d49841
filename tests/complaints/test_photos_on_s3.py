"""With S3 configured, a complaint's photos are kept in the private bucket: the buyer sees them through a link signed
for a few minutes, shown in the page (inline); someone who may not see the complaint gets no link."""

import requests
from django.test import Client
from django.urls import reverse

# Fixtures found by pytest through this import (hence the noqa F401): moto's S3 server and a fresh private bucket.
from tests.shop.test_private_files_on_s3 import private_bucket, s3, s3_endpoint, stored_objects  # noqa: F401


def test_buyer_sees_a_complaint_photo_through_a_signed_link_and_a_stranger_gets_none(
    private_bucket,  # noqa: F811 (before the complaint, whose photo it stores)
    s3,  # noqa: F811
    s3_endpoint,  # noqa: F811
    complaint,
    buyer_client,
    other_buyer,
):
    # given
    photo = complaint.photos.get()
    address = reverse("complaints:photo", kwargs={"pk": complaint.pk, "photo_pk": photo.pk})
    stored = stored_objects(s3, private_bucket)[f"private/{photo.image.name}"]
    stranger = Client()
    stranger.force_login(other_buyer)

    # when
    shown = buyer_client.get(address)
    refused = stranger.get(address)

    # then
    assert shown.status_code == 302 and "no-store" in shown["Cache-Control"]
    download = requests.get(shown["Location"], timeout=10)
    assert download.content == stored
    assert download.headers["Content-Type"] == "image/jpeg"
    assert download.headers["Content-Disposition"].startswith("inline")
    assert refused.status_code == 404
    assert s3_endpoint not in refused.get("Location", "") and s3_endpoint not in refused.content.decode()
