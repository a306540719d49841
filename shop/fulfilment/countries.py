"""The countries buyers may ship to: Vietnam first, then the markets Vietnamese cooperatives export to."""

from django.utils.translation import gettext, gettext_noop

# (alpha-2, alpha-3, numeric, Vietnamese name)
SHIPPING_COUNTRIES = [
    ("VN", "VNM", "704", gettext_noop("Việt Nam")),
    ("US", "USA", "840", gettext_noop("Hoa Kỳ")),
    ("CN", "CHN", "156", gettext_noop("Trung Quốc")),
    ("TW", "TWN", "158", gettext_noop("Đài Loan")),
    ("JP", "JPN", "392", gettext_noop("Nhật Bản")),
    ("KR", "KOR", "410", gettext_noop("Hàn Quốc")),
    ("SG", "SGP", "702", gettext_noop("Singapore")),
    ("TH", "THA", "764", gettext_noop("Thái Lan")),
    ("LA", "LAO", "418", gettext_noop("Lào")),
    ("KH", "KHM", "116", gettext_noop("Campuchia")),
    ("MY", "MYS", "458", gettext_noop("Malaysia")),
    ("AU", "AUS", "036", gettext_noop("Úc")),
    ("DE", "DEU", "276", gettext_noop("Đức")),
    ("FR", "FRA", "250", gettext_noop("Pháp")),
    ("GB", "GBR", "826", gettext_noop("Vương quốc Anh")),
    ("CA", "CAN", "124", gettext_noop("Canada")),
]


CODES = {alpha2: name for alpha2, _alpha3, _numeric, name in SHIPPING_COUNTRIES}


def country_name(country):
    """A country (Oscar's Country, or its two-letter code) named in the active language: the names are stored in
    Vietnamese, and their translations are in our catalogues."""
    if not country:
        return ""
    if isinstance(country, str):
        return gettext(CODES.get(country.upper(), country))
    return gettext(country.printable_name or country.name)


def load_countries(Country):
    for order, (alpha2, alpha3, numeric, name) in enumerate(SHIPPING_COUNTRIES):
        Country.objects.update_or_create(
            iso_3166_1_a2=alpha2,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "name": name,
                "printable_name": name,
                "display_order": len(SHIPPING_COUNTRIES) - order,
                "is_shipping_country": True,
            },
        )
