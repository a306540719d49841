"""Members see how much of their stall is translated and exchange PO files with translators, safely."""

import pytest
from babel.messages.pofile import read_po
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.conftest import make_union_staff
from tests.factories import MembershipFactory, ProductFactory, StorefrontFactory


@pytest.fixture
def stall(db):
    storefront = StorefrontFactory(
        name_vi="Mật ong U Minh", tagline_vi="Mật ong rừng nguyên chất", name_en="U Minh honey"
    )
    ProductFactory(storefront=storefront, title_vi="Mật ong rừng, hũ 500 ml", description_vi="<p>Mật ong gác kèo.</p>")
    member = MembershipFactory(cooperative=storefront.cooperative).user
    return storefront, member


def export(client, language="en", only_missing="on"):
    response = client.get("/vi/my-stall/translations/export/", {"language": language, "only_missing": only_missing})
    assert response.status_code == 200
    return response.content


def po_upload(text, name="dich.po"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_member_sees_the_share_translated_per_language(client, stall):
    storefront, member = stall
    client.force_login(member)
    page = client.get("/vi/my-stall/translations/").content.decode()
    # name, tagline, product title, product description: 1 of 4 in English, none in Chinese
    assert "1/4 (25%)" in page
    assert "0/4 (0%)" in page


def test_export_lists_untranslated_texts_with_their_vietnamese_source(client, stall):
    storefront, member = stall
    client.force_login(member)
    catalog = read_po(__import__("io").BytesIO(export(client)))
    sources = {message.context: message.id for message in catalog if message.id}
    assert sources[f"storefront:{storefront.pk}:tagline"] == "Mật ong rừng nguyên chất"
    assert f"storefront:{storefront.pk}:name" not in sources  # already translated
    product = storefront.products.get()
    assert sources[f"product:{product.pk}:description"] == "Mật ong gác kèo."  # plain text for the translator


def test_translated_file_round_trips_into_the_english_pages(client, stall):
    storefront, member = stall
    client.force_login(member)
    exported = export(client).decode()
    translated = exported.replace(
        'msgid "Mật ong rừng nguyên chất"\nmsgstr ""', 'msgid "Mật ong rừng nguyên chất"\nmsgstr "Pure forest honey"'
    )
    response = client.post("/vi/my-stall/translations/import/", {"language": "en", "file": po_upload(translated)})
    assert response.status_code == 302
    storefront.refresh_from_db()
    assert storefront.tagline_en == "Pure forest honey"
    with translation.override("en"):
        assert "Pure forest honey" in client.get(storefront.get_absolute_url()).content.decode()


def test_hostile_translation_is_stored_as_text_and_escaped_on_every_page(client, stall):
    storefront, member = stall
    client.force_login(member)
    product = storefront.products.get()
    exported = export(client).decode()
    attack = "<script>alert('x')</script>"
    translated = exported.replace(
        'msgid "Mật ong rừng, hũ 500 ml"\nmsgstr ""', f'msgid "Mật ong rừng, hũ 500 ml"\nmsgstr "{attack}"'
    )
    translated = translated.replace(
        'msgid "Mật ong gác kèo."\nmsgstr ""', f'msgid "Mật ong gác kèo."\nmsgstr "{attack}"'
    )
    client.post("/vi/my-stall/translations/import/", {"language": "en", "file": po_upload(translated)})
    product.refresh_from_db()
    assert product.description_en == "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"
    with translation.override("en"):
        for url in (product.get_absolute_url(), storefront.get_absolute_url(), "/en/"):
            assert "<script>alert" not in client.get(url).content.decode(), url


@pytest.mark.parametrize(
    "mutation, message",
    [
        (lambda po: po.replace("Language: en", "Language: zh_Hans"), "không phải “en”"),
        (lambda po: po.replace('msgctxt "storefront:', 'msgctxt "storefront:9999'), "không thuộc gian hàng này"),
        (lambda po: po + '\nmsgid "no closing quote\nmsgstr ""\n', "không phải tệp PO hợp lệ"),
    ],
    ids=["wrong language", "unknown id", "malformed"],
)
def test_bad_files_are_refused_and_change_nothing(client, stall, mutation, message):
    storefront, member = stall
    client.force_login(member)
    exported = export(client).decode()
    translated = exported.replace('msgstr ""\n\n', 'msgstr "Bản dịch"\n\n')
    response = client.post(
        "/vi/my-stall/translations/import/", {"language": "en", "file": po_upload(mutation(translated))}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    storefront.refresh_from_db()
    assert not storefront.tagline_en
    assert not storefront.products.get().title_en


def test_a_member_only_reaches_their_own_stall(client, stall):
    storefront, _ = stall
    other = MembershipFactory().user  # a member of a cooperative without a stall
    client.force_login(other)
    response = client.get("/vi/my-stall/translations/")
    assert response.status_code == 403
    assert "Đăng ký gian hàng" in response.content.decode()
    assert client.get("/vi/my-stall/translations/export/", {"language": "en"}).status_code == 403


def test_staff_report_lists_every_stall_with_its_coverage(client, stall):
    storefront, member = stall
    client.force_login(member)
    assert client.get("/dashboard/translations/").status_code == 403
    client.force_login(make_union_staff())
    page = client.get("/dashboard/translations/").content.decode()
    assert "Mật ong U Minh" in page
    assert "1/4 (25%)" in page
