"""Make sure the site has its Wagtail pages: the home page at the root of the default Site, with its sections, and the
news and guide pages under it (and the root collection that uploaded images go to)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop
from wagtail.models import Collection, Locale, Page, Site

from themes.blocks import LANGUAGE_BOXES
from themes.models import GuideIndexPage, HomePage, NewsIndexPage

# Where the news and the guides live under the home page (the footer links to them by these slugs).
SECTION_SLUGS = {"news": "tin-tuc", "guides": "huong-dan"}

# The opening words of a new home page, in our translation catalogue so translators see them with the rest.
HERO_TITLE = gettext_noop("Sản phẩm của hợp tác xã, từ nơi làm ra đến tận nhà bạn")
HERO_TEXT = gettext_noop(
    "Mật ong, chè Shan tuyết, gạo ST25, cà phê, thổ cẩm, đồ mây tre… từ các hợp tác xã khắp 34 tỉnh, thành."
)
HERO_PRODUCTS = gettext_noop("Xem sản phẩm")
HERO_OPEN_STALL = gettext_noop("Mở gian hàng")
NEWS_TITLE = gettext_noop("Tin tức")
NEWS_INTRO = gettext_noop("Thông báo và tin chính sách của Liên minh Hợp tác xã dành cho các hợp tác xã và người mua.")
GUIDES_TITLE = gettext_noop("Hướng dẫn")
GUIDES_INTRO = gettext_noop("Hướng dẫn từng bước cho hợp tác xã bán hàng và cho người mua trên Chợ HTX.")


def in_every_language(message):
    """{"vi": message, "en": ..., "zh_hans": ...} from our translation catalogue ("" where it has no translation yet)."""
    texts = {}
    for code, box, _label in LANGUAGE_BOXES:
        with translation.override(code):
            translated = translation.gettext(message)
        texts[box] = translated if code == settings.LANGUAGE_CODE or translated != message else ""
    return texts


def translated_fields(field, message):
    """{"title_en": ..., "title_zh_hans": ...}: the translations of ``message`` for a page's translated field."""
    return {f"{field}_{box}": text for box, text in in_every_language(message).items() if box != "vi" and text}


def default_home_body():
    """The sections a new home page starts with (StreamField's stored form); empty headings show each section's
    usual heading, translated by the site."""
    hero = {
        "title": in_every_language(HERO_TITLE),
        "text": in_every_language(HERO_TEXT),
        "links": [
            {"label": in_every_language(HERO_PRODUCTS), "page": None, "shop_page": "catalogue:index"},
            {"label": in_every_language(HERO_OPEN_STALL), "page": None, "shop_page": "storefronts:application"},
        ],
        "image": None,
    }
    no_heading = {box: "" for _code, box, _label in LANGUAGE_BOXES}
    return [
        {"type": "hero", "value": hero},
        {"type": "category_tiles", "value": {"heading": no_heading, "categories": []}},
        {"type": "ocop_products", "value": {"heading": no_heading, "min_stars": "4", "count": 8}},
        {"type": "featured_stalls", "value": {"heading": no_heading, "stalls": [], "count": 6}},
        {"type": "new_products", "value": {"heading": no_heading, "count": 12}},
        {"type": "latest_news", "value": {"heading": no_heading, "count": 3}},
    ]


def ensure_home_page():
    """Create the page tree's root, the home page, its news and guide pages and the default Site when missing (a
    fresh or test database). A home page nobody has edited yet gets the default sections."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:  # where uploaded images and documents go
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Chợ HTX", slug="home"))
    if not home.body and home.latest_revision_id is None:
        home.body = default_home_body()
        home.save(update_fields=["body"])
    if not Site.objects.filter(is_default_site=True, root_page=home).exists():
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Chợ HTX")
    ensure_section(home, NewsIndexPage, NEWS_TITLE, SECTION_SLUGS["news"], NEWS_INTRO)
    ensure_section(home, GuideIndexPage, GUIDES_TITLE, SECTION_SLUGS["guides"], GUIDES_INTRO)
    return home


def ensure_section(home, model, title, slug, intro):
    """The news or the guide page under the home page, unless there is one already (wherever an editor moved it)."""
    section = model.objects.first()
    if section is None:
        section = home.add_child(
            instance=model(
                title=title,
                slug=slug,
                intro_vi=intro,
                **translated_fields("display_title", title),
                **translated_fields("intro", intro),
            )
        )
    return section
