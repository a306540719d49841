"""Checking one data row of an import: the values a product is made from, or every error of the row by column."""

import unicodedata
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.seller_forms import price_field, stock_field
from catalog.spreadsheet_import.columns import COLUMN_BY_KEY, COLUMNS
from catalog.spreadsheet_import.reading import cell_text
from shop.visible_text import NO_LETTER, clean_user_text, has_letter_or_digit
from storefronts.models import Province

Category = get_model("catalogue", "Category")


def fold(text):
    """Text compared the way a reader would: NFC, single spaces, case-insensitive."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


class Lookups:
    """Leaf categories by slug and by Vietnamese name, provinces by name (with or without "Tỉnh" / "Thành phố")."""

    PROVINCE_PREFIXES = ("thành phố ", "tp. ", "tp ", "tỉnh ")

    def __init__(self):
        categories = list(Category.objects.browsable())
        self.leaves = [category for category in categories if category.numchild == 0]
        self.by_slug = {category.slug.casefold(): category for category in self.leaves}
        self.by_name = defaultdict(list)
        for category in self.leaves:
            self.by_name[fold(category.name_vi or category.name)].append(category)
        self.branches = {fold(each.name_vi or each.name) for each in categories if each.numchild} | {
            each.slug.casefold() for each in categories if each.numchild
        }
        self.provinces = {}
        for province in Province.objects.all():
            for text in (province.name_vi or province.name, province.slug):
                self.provinces[self.province_key(text)] = province

    def province_key(self, text):
        text = fold(text)
        for prefix in self.PROVINCE_PREFIXES:
            if text.startswith(prefix):
                return text[len(prefix) :]
        return text

    def province(self, text):
        return self.provinces.get(self.province_key(text))


def check_row(number, cells, lookups):
    """(values, errors) of one data row: values to create a product from, errors as {row, column, message}."""
    errors = []

    def refuse(key, message):
        errors.append({"row": number, "column": key, "message": str(message)})

    text = {key: cell_text(cells.get(key)) for key in COLUMN_BY_KEY}
    for column in COLUMNS:
        length = len(text[column.key])
        if column.max_length and length > column.max_length:
            refuse(
                column.key,
                _("Dài tối đa %(max)s ký tự; ô này có %(length)s ký tự.")
                % {"max": column.max_length, "length": length},
            )
    values = {field: text[column.key] for column in COLUMNS if (field := column.field)}
    values["title"] = " ".join(clean_user_text(text["ten_san_pham"]).split())
    values["description"] = clean_user_text(text["mo_ta"])
    if not values["title"]:
        refuse("ten_san_pham", _("Hãy nhập tên sản phẩm."))
    elif not has_letter_or_digit(values["title"]):
        refuse("ten_san_pham", NO_LETTER)
    values["category"] = check_category(text["danh_muc"], lookups, lambda message: refuse("danh_muc", message))
    for key, name, field in (("gia", "price", price_field), ("ton_kho", "stock", stock_field)):
        try:
            values[name] = field().clean(text[key])
        except ValidationError as refused:
            refuse(key, " ".join(refused.messages))
    values["origin_province"] = None
    if text["tinh_xuat_xu"]:
        values["origin_province"] = lookups.province(text["tinh_xuat_xu"])
        if values["origin_province"] is None:
            refuse(
                "tinh_xuat_xu",
                _(
                    "Không có tỉnh / thành phố “%(value)s”. Hãy ghi một trong 34 tỉnh, thành phố ở trang “Danh mục” của tệp mẫu."
                )
                % {"value": text["tinh_xuat_xu"]},
            )
    return values, errors


def check_category(value, lookups, refuse):
    if not value:
        refuse(_("Hãy nhập danh mục: tên hoặc mã của một danh mục ở trang “Danh mục” của tệp mẫu."))
        return None
    category = lookups.by_slug.get(value.casefold())
    if category is not None:
        return category
    named = lookups.by_name.get(fold(value), [])
    if len(named) == 1:
        return named[0]
    if named:
        refuse(
            _("Có nhiều danh mục cùng tên “%(value)s”: hãy ghi mã danh mục (cột “Mã” ở trang “Danh mục”).")
            % {"value": value}
        )
    elif fold(value) in lookups.branches:
        refuse(_("Danh mục “%(value)s” còn có danh mục con: hãy chọn một danh mục con.") % {"value": value})
    else:
        refuse(
            _("Không có danh mục “%(value)s”. Hãy ghi đúng tên hoặc mã một danh mục ở trang “Danh mục” của tệp mẫu.")
            % {"value": value}
        )
    return None
