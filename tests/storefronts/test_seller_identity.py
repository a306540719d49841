"""Each stall page says who sells there, as the law asks a marketplace to: the cooperative's legal name, its
registration or tax number, its address and how to reach it, escaped like everything a member typed."""

from tests.factories import CooperativeFactory, StorefrontFactory


def identity_of(html):
    start = html.index('id="seller-identity"')
    return html[start : html.index("</dl>", start)]


def test_the_stall_page_shows_the_sellers_legal_name_number_address_and_contact(client, db):
    cooperative = CooperativeFactory(
        name="Hợp tác xã Nông nghiệp Chè Shan tuyết Suối Giàng",
        registration_number="5200123456",
        street_address="Thôn Giàng A",
        commune="Xã Suối Giàng",
        phone="0912345678",
        email="htx.suoigiang@example.vn",
    )
    stall = StorefrontFactory(cooperative=cooperative)

    identity = identity_of(client.get(stall.get_absolute_url()).content.decode())

    assert "Thông tin người bán" in client.get(stall.get_absolute_url()).content.decode()
    assert "Hợp tác xã Nông nghiệp Chè Shan tuyết Suối Giàng" in identity
    assert "Mã số HTX / mã số thuế" in identity and "5200123456" in identity
    assert "Thôn Giàng A, Xã Suối Giàng, Lâm Đồng" in identity
    assert 'href="tel:0912345678"' in identity and 'href="mailto:htx.suoigiang@example.vn"' in identity


def test_the_sellers_identity_is_shown_escaped(client, db):
    cooperative = CooperativeFactory(name='HTX <script>alert("x")</script>', street_address="<b>Thôn 3</b>")
    stall = StorefrontFactory(cooperative=cooperative)

    identity = identity_of(client.get(stall.get_absolute_url()).content.decode())

    assert "<script>" not in identity and "<b>" not in identity
    assert "HTX &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in identity
    assert "&lt;b&gt;Thôn 3&lt;/b&gt;" in identity
