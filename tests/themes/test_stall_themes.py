"""Stall themes: a member picks a theme, a readable primary colour, a banner cut to the theme's shape and a logo on
/vi/my-stall/appearance/, previews the stall page, then saves; the stall page and its product pages wear the theme."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from shop.uploads import thumbnails
from storefronts.models import Membership, Storefront
from storefronts.theming import (
    DEFAULT_THEME,
    THEMES,
    check_primary_colour,
    contrast_ratio,
    shown_ratio,
)
from tests.factories import DraftStorefrontFactory, MembershipFactory, ProductFactory, StorefrontFactory, UserFactory

APPEARANCE = "/vi/my-stall/appearance/"
PREVIEW = "/vi/my-stall/appearance/preview/"


@pytest.fixture
def stall(db):
    return StorefrontFactory(slug="che-tan-cuong", name="Chè Tân Cương")


@pytest.fixture
def member(stall):
    return MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.OWNER).user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def picture(width, height, image_format="JPEG", name=None, colour="green"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format=image_format)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    return SimpleUploadedFile(name or f"anh.{extension}", buffer.getvalue(), content_type=f"image/{extension}")


def striped_banner(width, height, stripe):
    """Red stripes ``stripe`` pixels high at the top and bottom, green between: a centre crop keeps only green."""
    image = Image.new("RGB", (width, height), (0, 160, 0))
    image.paste((200, 0, 0), (0, 0, width, stripe))
    image.paste((200, 0, 0), (0, height - stripe, width, height))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("ruong-bac-thang.png", buffer.getvalue(), content_type="image/png")


def choose(client, url=APPEARANCE, **fields):
    data = {"theme": DEFAULT_THEME.slug, "use_theme_color": "on", "save": "1", **fields}
    return client.post(url, data)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def body_class(html):
    return re.search(r'<body id="[^"]*" class="([^"]*)"', html).group(1)


def hidden_values(html):
    """The hidden inputs of the preview's "Lưu / Sửa tiếp" form, as POST data."""
    form = html[html.index('id="appearance-preview"') :]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))


def stored(field):
    with default_storage.open(field.name, "rb") as handle:
        image = Image.open(handle)
        image.load()
    return image


# --- Each theme on the stall page and the product pages ----------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_choosing_a_theme_changes_the_stall_page(member_client, stall, theme):
    response = choose(member_client, theme=theme.slug)

    assert response.status_code == 302
    html = page(Client(), stall.get_absolute_url())
    assert f"stall-theme--{theme.slug}" in body_class(html)
    assert f"--stall-primary:{theme.primary}" in html
    assert f"--stall-bg:{theme.background}" in html
    assert "/static/themes/stall/stall.css" in html
    assert ('class="stall-nameplate' in html) == (theme.slug == "brocade")


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_choosing_a_theme_changes_the_stalls_product_pages(member_client, stall, theme):
    product = ProductFactory(storefront=stall, title="Chè búp Tân Cương")

    colour = "#f2c14e" if theme.slug == "coastal" else "#1d4e89"  # coastal puts near-black text on its colour

    assert choose(member_client, theme=theme.slug, use_theme_color="", primary_color=colour).status_code == 302

    html = page(Client(), product.get_absolute_url())
    assert f"stall-theme--{theme.slug}" in body_class(html)
    assert f"--stall-primary:{colour}" in html
    assert 'class="stall-band' in html


def test_a_stall_that_never_chose_wears_the_default_theme(client, stall):
    html = page(client, stall.get_absolute_url())

    assert f"stall-theme--{DEFAULT_THEME.slug}" in body_class(html)
    assert f"--stall-primary:{DEFAULT_THEME.primary}" in html


def test_the_theme_costs_a_small_style_and_one_light_shared_stylesheet(client, stall):
    html = page(client, stall.get_absolute_url())
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)

    assert len(style) < 600
    assert len(stylesheet_bytes()) < 4096


def stylesheet_bytes():
    from django.contrib.staticfiles import finders

    with open(finders.find("themes/stall/stall.css"), "rb") as handle:
        return handle.read()


# --- Colours ------------------------------------------------------------------------------------------------------------


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#777777") == contrast_ratio("#777777", "#ffffff")


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_themes_own_colours_meet_wcag_aa(theme):
    check_primary_colour(theme, theme.primary)  # refuses with ValidationError otherwise
    for surface in (theme.background, theme.surface, "#ffffff"):
        assert contrast_ratio(theme.text, surface) >= 7
        assert contrast_ratio(theme.muted, surface) >= 4.5
        assert contrast_ratio(theme.link or theme.primary, surface) >= 4.5
    assert contrast_ratio(theme.primary, theme.on_primary) >= 4.5


def test_a_low_contrast_colour_is_refused_with_its_ratio_and_nothing_is_saved(member_client, stall):
    response = choose(member_client, theme="rice-field", use_theme_color="", primary_color="#9ccc65")

    assert response.status_code == 400
    html = response.content.decode()
    ratio = shown_ratio(contrast_ratio("#9ccc65", "#ffffff"))
    assert ratio == "1,86"
    assert f"Màu #9ccc65 chưa đủ tương phản: chữ trắng trên nền màu này chỉ đạt {ratio}:1" in html
    assert "cần ít nhất 4,5:1 (chuẩn WCAG AA)" in html
    assert "Hãy chọn màu đậm hơn." in html
    assert 'value="#9ccc65"' in html  # what was typed is still there
    stall.refresh_from_db()
    assert (stall.theme, stall.primary_color) == ("", "")


def test_a_colour_white_text_can_sit_on_but_too_light_for_links_is_refused(member_client, stall):
    response = choose(member_client, theme="rice-field", use_theme_color="", primary_color="#5a7d2a")

    assert response.status_code == 400
    ratio = shown_ratio(contrast_ratio("#5a7d2a", THEMES["rice-field"].surface))
    assert f"liên kết màu này trên nền trang chỉ đạt {ratio}:1" in response.content.decode()
    stall.refresh_from_db()
    assert stall.primary_color == ""


def test_a_dark_colour_is_refused_on_the_coastal_theme_whose_text_on_it_is_near_black(member_client, stall):
    response = choose(member_client, theme="coastal", use_theme_color="", primary_color="#0b3d4a")

    html = response.content.decode()
    assert response.status_code == 400
    assert "chữ đen trên nền màu này chỉ đạt 1,37:1" in html
    assert "Hãy chọn màu sáng hơn." in html


def test_a_readable_colour_is_saved_and_shown(member_client, stall):
    response = choose(member_client, theme="brocade", use_theme_color="", primary_color="#1D4E89")

    assert response.status_code == 302
    assert response.url == APPEARANCE
    stall.refresh_from_db()
    assert (stall.theme, stall.primary_color) == ("brocade", "#1d4e89")
    assert "--stall-primary:#1d4e89" in page(Client(), stall.get_absolute_url())
    assert "Đã lưu giao diện gian hàng." in page(member_client, APPEARANCE)


def test_going_back_to_the_themes_own_colour_clears_the_stalls_colour(member_client, stall):
    stall.primary_color = "#1d4e89"
    stall.save()

    choose(member_client, theme="coastal", use_theme_color="on", primary_color="#1d4e89")

    stall.refresh_from_db()
    assert stall.primary_color == ""
    assert f"--stall-primary:{THEMES['coastal'].primary}" in page(Client(), stall.get_absolute_url())


@pytest.mark.parametrize("typed", ["red;}</style><script>alert(1)</script>", "#12345g", "xanh"])
def test_something_that_is_not_a_colour_is_refused_and_never_reaches_the_page(member_client, stall, typed):
    response = choose(member_client, use_theme_color="", primary_color=typed)

    assert response.status_code == 400
    assert "hãy viết dạng #rrggbb" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    stall.refresh_from_db()
    assert stall.primary_color == ""


def test_a_bad_colour_stored_some_other_way_is_never_written_into_the_page(client, stall):
    Storefront.objects.filter(pk=stall.pk).update(primary_color="#fff}x", theme="nonexistent")

    html = page(client, stall.get_absolute_url())

    assert "#fff}x" not in html
    assert f"--stall-primary:{DEFAULT_THEME.primary}" in html


def test_a_stored_colour_unreadable_in_the_stalls_theme_falls_back_to_the_themes_own(client, stall):
    Storefront.objects.filter(pk=stall.pk).update(primary_color="#f2c14e", theme="brocade")  # fine for coastal only

    html = page(client, stall.get_absolute_url())

    assert "--stall-primary:#f2c14e" not in html
    assert f"--stall-primary:{THEMES['brocade'].primary}" in html


# --- Banner and logo ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theme", "size"), [("rice-field", (1200, 400)), ("brocade", (1200, 300)), ("coastal", (1200, 480))]
)
def test_the_banner_is_cut_from_the_centre_to_the_themes_shape_in_webp(member_client, stall, theme, size):
    response = choose(member_client, theme=theme, banner=striped_banner(2400, 1600, stripe=100))

    assert response.status_code == 302
    stall.refresh_from_db()
    banner = stored(stall.banner)
    assert (banner.format, banner.size) == ("WEBP", size)
    red, green, _blue = banner.convert("RGB").getpixel((size[0] // 2, 2))
    assert green > 100 and red < 60  # the red stripe at the top was cut off
    small = Image.open(default_storage.open(thumbnails.thumbnail_path(stall.banner.name, 640)))
    assert (small.format, small.size) == ("WEBP", (640, 640 * size[1] // size[0]))
    html = page(Client(), stall.get_absolute_url())
    assert f'src="{stall.banner.url}"' in html
    assert f'<source media="(max-width: 700px)" srcset="{thumbnails.thumbnail_url(stall.banner.name, 640)}">' in html


def test_a_small_banner_is_cut_to_the_shape_but_never_enlarged(member_client, stall):
    choose(member_client, theme="brocade", banner=picture(700, 400))

    stall.refresh_from_db()
    assert stored(stall.banner).size == (700, 175)


def test_changing_the_theme_cuts_the_kept_banner_again(member_client, stall, django_capture_on_commit_callbacks):
    choose(member_client, theme="brocade", banner=picture(1800, 900))
    stall.refresh_from_db()
    first_banner = stall.banner.name

    with django_capture_on_commit_callbacks(execute=True):
        choose(member_client, theme="rice-field")

    stall.refresh_from_db()
    assert stored(stall.banner).size == (1200, 400)
    assert not default_storage.exists(first_banner)
    assert not default_storage.exists(thumbnails.thumbnail_path(first_banner, 640))


def test_a_file_that_is_not_a_picture_is_refused_in_vietnamese(member_client, stall):
    fake = SimpleUploadedFile("bia.jpg", b"%PDF-1.4 khong phai anh", content_type="image/jpeg")

    response = choose(member_client, theme="brocade", banner=fake)

    assert response.status_code == 400
    assert "“bia.jpg” không phải ảnh JPEG, PNG hay WebP" in response.content.decode()
    stall.refresh_from_db()
    assert not stall.banner and stall.theme == ""


def test_a_banner_too_small_to_look_sharp_is_refused_with_its_size(member_client, stall):
    response = choose(member_client, banner=picture(400, 100))

    assert response.status_code == 400
    assert "nhỏ quá (400 × 100 điểm ảnh)" in response.content.decode()


def test_a_good_banner_is_kept_when_the_colour_is_refused(member_client, stall):
    response = choose(member_client, use_theme_color="", primary_color="#9ccc65", banner=picture(1500, 600))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Các ảnh hợp lệ bạn vừa chọn đã được giữ lại" in html
    token = re.search(r'name="held_banner" value="([^"]+)" checked', html).group(1)

    response = choose(member_client, use_theme_color="", primary_color="#2f6b2f", held_banner=token)

    assert response.status_code == 302
    stall.refresh_from_db()
    assert stored(stall.banner).size == (1200, 400)


def test_the_logo_is_kept_whole_shrunk_to_fit_in_webp_and_can_be_removed(member_client, stall):
    choose(member_client, logo=picture(1000, 500, "PNG"))

    stall.refresh_from_db()
    logo = stored(stall.logo)
    assert (logo.format, logo.size) == ("WEBP", (256, 128))
    assert f'src="{stall.logo.url}"' in page(Client(), stall.get_absolute_url())

    choose(member_client, remove_logo="on")

    stall.refresh_from_db()
    assert not stall.logo


# --- Preview --------------------------------------------------------------------------------------------------------------


def test_the_preview_shows_the_choices_without_saving_them(member_client, stall):
    response = choose(
        member_client,
        url=PREVIEW,
        theme="brocade",
        use_theme_color="",
        primary_color="#1d4e89",
        banner=picture(1600, 800),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "stall-theme--brocade" in body_class(html)
    assert "--stall-primary:#1d4e89" in html
    assert re.search(r'<img src="/media/pending-uploads/[^"]+" alt="" width="1200" height="300"', html)
    assert ">Lưu</button>" in html and ">Sửa tiếp</button>" in html
    assert '<meta name="robots" content="noindex">' in html
    stall.refresh_from_db()
    assert (stall.theme, stall.primary_color, stall.banner.name) == ("", "", "")
    assert "stall-theme--rice-field" in body_class(page(Client(), stall.get_absolute_url()))


def test_lưu_on_the_preview_saves_what_was_previewed(member_client, stall):
    preview = choose(member_client, url=PREVIEW, theme="coastal", banner=picture(1600, 800), logo=picture(300, 300))
    data = hidden_values(preview.content.decode())

    response = member_client.post(APPEARANCE, {**data, "save": "1"})

    assert response.status_code == 302
    stall.refresh_from_db()
    assert stall.theme == "coastal"
    assert stored(stall.banner).size == (1200, 480)
    assert stored(stall.logo).size == (256, 256)


def test_sửa_tiếp_goes_back_to_the_form_with_every_choice_kept(member_client, stall):
    preview = choose(
        member_client,
        url=PREVIEW,
        theme="brocade",
        use_theme_color="",
        primary_color="#1d4e89",
        banner=picture(900, 300),
    )
    data = hidden_values(preview.content.decode())

    response = member_client.post(APPEARANCE, {**data, "edit": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input type="radio" name="theme" value="brocade"[^>]* checked', html)
    assert 'value="#1d4e89"' in html
    assert f'name="held_banner" value="{data["held_banner"]}" checked' in html
    stall.refresh_from_db()
    assert stall.theme == ""


def test_the_preview_is_only_reached_by_sending_the_form(member_client):
    assert member_client.get(PREVIEW).status_code == 405


# --- Who may change it ------------------------------------------------------------------------------------------------


def test_the_form_shows_the_saved_look_with_every_input_labelled(member_client, stall):
    stall.theme, stall.primary_color = "coastal", "#f2c14e"
    stall.save()

    html = page(member_client, APPEARANCE)

    assert re.search(r'<input type="radio" name="theme" value="coastal"[^>]* checked', html)
    assert 'value="#f2c14e"' in html
    start = html.index('action="/vi/my-stall/appearance/preview/"')
    form = html[start : html.index("</form>", start)]
    inputs = re.findall(r'<input(?![^>]*type="hidden")[^>]* id="([^"]+)"', form)
    assert len(inputs) == 7  # three themes, "the theme's colour", a colour, a banner and a logo
    for input_id in inputs:
        assert f'for="{input_id}"' in form, f"input {input_id} has no label"


def test_another_stalls_member_changes_only_their_own_stall(client, stall):
    other_stall = StorefrontFactory(slug="mat-ong-u-minh")
    other_member = MembershipFactory(cooperative=other_stall.cooperative).user
    client.force_login(other_member)

    choose(client, theme="brocade")

    stall.refresh_from_db()
    other_stall.refresh_from_db()
    assert (stall.theme, other_stall.theme) == ("", "brocade")


def test_a_picture_held_for_one_stall_cannot_be_used_by_another(member_client, stall):
    preview = choose(member_client, url=PREVIEW, banner=picture(1500, 500))
    token = hidden_values(preview.content.decode())["held_banner"]
    other_stall = StorefrontFactory(slug="mat-ong-u-minh")
    other = Client()
    other.force_login(MembershipFactory(cooperative=other_stall.cooperative).user)

    choose(other, held_banner=token)

    other_stall.refresh_from_db()
    assert not other_stall.banner


def test_someone_without_a_stall_is_pointed_to_the_application(client, db):
    client.force_login(UserFactory())

    response = client.get(APPEARANCE)
    preview = choose(client, url=PREVIEW)

    assert response.status_code == 403
    assert "Đăng ký gian hàng" in response.content.decode()
    assert preview.status_code == 403


def test_visitors_are_sent_to_sign_in(client, stall):
    response = choose(client)

    assert response.status_code == 302
    assert "/login/" in response.url
    stall.refresh_from_db()
    assert stall.theme == ""


def test_a_stall_still_in_preparation_can_choose_its_look(client, db):
    draft = DraftStorefrontFactory(slug="htx-moi")
    client.force_login(MembershipFactory(cooperative=draft.cooperative).user)

    choose(client, theme="coastal")

    draft.refresh_from_db()
    assert draft.theme == "coastal"


def test_a_form_sent_without_the_csrf_token_is_refused(member, stall):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert choose(client, theme="brocade").status_code == 403
    assert choose(client, url=PREVIEW, theme="brocade").status_code == 403
    stall.refresh_from_db()
    assert stall.theme == ""


def test_the_stall_overview_links_to_the_appearance_screen(member_client, stall):
    assert f'href="{reverse("storefronts:appearance")}"' in page(member_client, "/vi/my-stall/")


def test_a_banner_put_there_another_way_is_shown_as_it_is_without_a_phone_copy(stall):
    stall.banner.save("bia.webp", ContentFile(b"x"), save=True)

    html = page(Client(), stall.get_absolute_url())

    assert f'src="{stall.banner.url}"' in html
    assert "<source" not in html
