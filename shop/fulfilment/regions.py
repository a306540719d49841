"""Vietnam's three regions, which set a stall's flat shipping rate: within its own region, or to another one."""

from django.utils.translation import gettext_lazy as _

NORTH, CENTRAL, SOUTH = "north", "central", "south"
REGION_NAMES = {NORTH: _("miền Bắc"), CENTRAL: _("miền Trung"), SOUTH: _("miền Nam")}

# Province slugs (slugified English names, as storefronts.provinces loads them) of the 34 units of 2025.
REGION_OF_PROVINCE = {
    **dict.fromkeys(
        [
            "hanoi",
            "hai-phong",
            "tuyen-quang",
            "cao-bang",
            "lai-chau",
            "lao-cai",
            "thai-nguyen",
            "dien-bien",
            "lang-son",
            "son-la",
            "phu-tho",
            "bac-ninh",
            "quang-ninh",
            "hung-yen",
            "ninh-binh",
        ],
        NORTH,
    ),
    **dict.fromkeys(
        [
            "hue",
            "da-nang",
            "thanh-hoa",
            "nghe-an",
            "ha-tinh",
            "quang-tri",
            "quang-ngai",
            "gia-lai",
            "khanh-hoa",
            "lam-dong",
            "dak-lak",
        ],
        CENTRAL,
    ),
    **dict.fromkeys(
        [
            "ho-chi-minh-city",
            "can-tho",
            "dong-nai",
            "tay-ninh",
            "vinh-long",
            "dong-thap",
            "ca-mau",
            "an-giang",
        ],
        SOUTH,
    ),
}


def region_of(province):
    return REGION_OF_PROVINCE.get(province.slug) if province else None


def region_name(province):
    """ "miền Nam" for a province of the South; "" when unknown."""
    return REGION_NAMES.get(region_of(province), "")
