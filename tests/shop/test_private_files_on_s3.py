"""With S3 configured, private files (registration certificates, OCOP scans, uploaded spreadsheets) live in a private
bucket every machine reads, and reach only the people a view lets through, by a link signed for a few minutes.

The object store is a real S3-compatible server on loopback (moto's server mode); the application talks to it over
HTTP through django-storages and boto3, as it would to AWS or MinIO.
"""

import socket
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.imports import ProductImport
from ocop.models import OcopCertificate
from storefronts.models import Cooperative, Province, Storefront
from tests.catalog.test_spreadsheet_import import csv_file, product_row
from tests.conftest import make_union_staff
from tests.factories import (
    DraftStorefrontFactory,
    MembershipFactory,
    OcopCertificateFactory,
    StorefrontFactory,
    UserFactory,
)

Category = get_model("catalogue", "Category")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server, in this process's threads, on a free loopback port."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint):
    return boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)


@pytest.fixture
def private_bucket(settings, s3, s3_endpoint):
    """A fresh private bucket and the settings shop/settings.py derives from AWS_PRIVATE_BUCKET_NAME."""
    name = f"chohtx-private-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_REGION_NAME = CREDENTIALS["region_name"]
    settings.AWS_S3_ACCESS_KEY_ID = CREDENTIALS["aws_access_key_id"]
    settings.AWS_S3_SECRET_ACCESS_KEY = CREDENTIALS["aws_secret_access_key"]
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_PRIVATE_BUCKET_NAME = name
    settings.PRIVATE_URL_EXPIRY = 300
    settings.STORAGES = {  # last: the storage is built from the AWS_* settings above
        **settings.STORAGES,
        "private": {
            "BACKEND": "shop.private_files.PrivateS3Storage",
            "OPTIONS": {"bucket_name": name, "location": "private"},
        },
    }
    return name


def stored_objects(s3, bucket):
    """{key: bytes} of everything in the bucket."""
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {key: s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


def nothing_on_local_disk(settings):
    folder = settings.PRIVATE_MEDIA_ROOT
    return not folder.exists() or not any(path.is_file() for path in folder.rglob("*"))


@pytest.fixture
def applicant(client, db):
    user = UserFactory(email="chunhiem@xuanhuong.example.vn")
    client.force_login(user)
    return user


def apply_with_certificate(client, content=PDF):
    """The four application steps through the real pages, the certificate uploaded on the last."""
    step = lambda name: reverse("storefronts:application-step", kwargs={"step": name})  # noqa: E731
    client.post(
        step("cooperative"),
        {
            "name": "Hợp tác xã Nông nghiệp Xuân Hương",
            "short_name": "HTX Xuân Hương",
            "registration_number": "5800123456",
            "kind": Cooperative.Kind.AGRICULTURAL,
            "province": Province.objects.get(slug="lam-dong").pk,
            "year_founded": "2015",
            "member_count": "35",
            "description_vi": "Trồng rau và hoa theo tiêu chuẩn VietGAP.",
        },
    )
    client.post(
        step("contact"),
        {
            "commune": "Phường Xuân Hương – Đà Lạt",
            "street_address": "12 Trần Hưng Đạo",
            "phone": "0912 345 678",
            "email": "lienhe@xuanhuong.example.vn",
            "website": "",
        },
    )
    client.post(step("stall"), {"name_vi": "Rau sạch Đà Lạt Xuân Hương", "slug": "", "about_vi": "Rau VietGAP."})
    response = client.post(
        step("documents"),
        {"registration_certificate": SimpleUploadedFile("giay-chung-nhan.pdf", content, "application/pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Storefront.objects.get(cooperative__memberships__user__email="chunhiem@xuanhuong.example.vn")


def staff_certificate_url(stall):
    return reverse("storefront-review:certificate", kwargs={"pk": stall.pk})


def test_certificate_uploaded_through_the_application_form_lands_in_the_private_bucket(
    client, applicant, private_bucket, s3, settings
):
    # when
    stall = apply_with_certificate(client)

    # then
    objects = stored_objects(s3, private_bucket)
    [(key, content)] = objects.items()
    assert key.startswith("private/cooperatives/certificates/") and key.endswith(".pdf")
    assert content == PDF
    assert stall.cooperative.registration_certificate.name == key.removeprefix("private/")
    assert nothing_on_local_disk(settings)


def test_staff_are_redirected_to_a_short_lived_signed_link_that_downloads_the_same_bytes(
    client, applicant, private_bucket, s3_endpoint
):
    # given
    stall = apply_with_certificate(client)
    client.force_login(make_union_staff(email="canbo@lienminhhtx.example.vn"))

    # when
    response = client.get(staff_certificate_url(stall))

    # then
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    link = response["Location"]
    assert link.startswith(f"{s3_endpoint}/{private_bucket}/private/cooperatives/certificates/")
    query = parse_qs(urlsplit(link).query)
    assert query["X-Amz-Expires"] == ["300"]
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - signed_at) < timedelta(minutes=1)
    download = requests.get(link, timeout=10)
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == 'attachment; filename="giay-chung-nhan-5800123456.pdf"'


def test_the_object_itself_is_not_public_without_a_signature(client, applicant, private_bucket, s3_endpoint):
    # given
    stall = apply_with_certificate(client)
    key = f"private/{stall.cooperative.registration_certificate.name}"

    # when
    response = requests.get(f"{s3_endpoint}/{private_bucket}/{key}", timeout=10)

    # then
    assert response.status_code == 403
    assert PDF not in response.content


def test_the_member_downloads_their_own_certificate_through_a_signed_link(client, applicant, private_bucket):
    # given
    apply_with_certificate(client)

    # when
    response = client.get(reverse("storefronts:application-certificate"))

    # then
    assert response.status_code == 302
    assert requests.get(response["Location"], timeout=10).content == PDF


def test_anonymous_visitor_and_other_users_get_no_link(client, applicant, private_bucket, s3_endpoint):
    # given
    stall = apply_with_certificate(client)
    stranger = MembershipFactory(cooperative=DraftStorefrontFactory().cooperative).user

    # when
    client.logout()
    anonymous = client.get(staff_certificate_url(stall))
    client.force_login(stranger)
    member_on_staff_url = client.get(staff_certificate_url(stall))
    member_on_own_url = client.get(reverse("storefronts:application-certificate"))

    # then
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("dashboard:login"))
    assert member_on_staff_url.status_code == 403
    assert member_on_own_url.status_code == 404  # their own cooperative has no certificate yet
    for response in (anonymous, member_on_staff_url, member_on_own_url):
        assert s3_endpoint not in response.get("Location", "")
        assert s3_endpoint not in response.content.decode()


def test_reviewer_gets_the_ocop_scan_from_the_private_bucket(client, db, private_bucket, s3, settings):
    # given
    certificate = OcopCertificateFactory(status=OcopCertificate.Status.SUBMITTED)
    certificate.scan.save("scan.pdf", ContentFile(PDF))
    client.force_login(make_union_staff(email="canbo@lienminhhtx.example.vn"))

    # when
    response = client.get(reverse("ocop-review:scan", kwargs={"pk": certificate.pk}))

    # then
    assert f"private/{certificate.scan.name}" in stored_objects(s3, private_bucket)
    assert nothing_on_local_disk(settings)
    assert response.status_code == 302
    download = requests.get(response["Location"], timeout=10)
    assert download.content == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_the_import_task_reads_the_uploaded_spreadsheet_from_the_bucket(
    client, db, private_bucket, s3, settings, django_capture_on_commit_callbacks
):
    # given
    stall = StorefrontFactory()
    client.force_login(MembershipFactory(cooperative=stall.cooperative).user)
    Category.add_root(name="Mật ong", slug="mat-ong")

    # when: the upload is stored, then the task (eager, as a worker on another machine would) reads it back
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("catalog-seller:import"), {"file": csv_file([product_row(1), product_row(2)])})

    # then
    product_import = ProductImport.objects.get()
    assert response.status_code == 302
    assert f"private/{product_import.source.name}" in stored_objects(s3, private_bucket)
    assert nothing_on_local_disk(settings)
    assert product_import.status == ProductImport.Status.DONE, product_import.errors
    assert product_import.created_count == 2


def test_an_empty_document_is_offered_as_plain_bytes_not_an_error(client, db, private_bucket):
    # given
    stall = DraftStorefrontFactory()
    stall.cooperative.registration_certificate.save("rong.pdf", ContentFile(b""))
    client.force_login(make_union_staff(email="canbo@lienminhhtx.example.vn"))

    # when
    response = client.get(staff_certificate_url(stall))

    # then
    assert response.status_code == 302
    download = requests.get(response["Location"], timeout=10)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/octet-stream"
