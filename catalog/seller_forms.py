"""The member's simple product form and variant form (not Oscar's dashboard forms).

Numbers are typed the way people write them in Vietnam: a price of 185 nghìn đồng may be "185000", "185.000",
"185,000" or "185 000 đ"; a decimal part is refused (prices are whole đồng), with a message that says so.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.products import descriptions, pictures, services, stock_records, variants
from shop.uploads.held import held_upload, hold_upload
from shop.uploads.images import ACCEPT, normalised_image
from shop.visible_text import NameField, UserTextField

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

# --- Whole numbers ----------------------------------------------------------------------------------------------------

CURRENCY_SUFFIX = re.compile(r"\s*(?:đồng|đ|₫|vnđ|vnd)\s*$", re.IGNORECASE)
SPACES = re.compile(r"[\s\u00a0\u202f]+")
GROUPED = (re.compile(r"\d{1,3}(?:\.\d{3})+"), re.compile(r"\d{1,3}(?:,\d{3})+"))
DECIMAL = (re.compile(r"\d+[.,]\d+"), re.compile(r"[\d.,]*\d[.,]\d{1,2}"))
DIGITS_AND_SEPARATORS = re.compile(r"[\d.,]+")


class NumberNotRead(ValueError):
    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind  # "letters", "decimal" or "format"


def parse_whole_number(text):
    """ "185.000", "185,000", "185 000 đ", "185000" → 185000; "-5" → -5. Raises NumberNotRead."""
    value = SPACES.sub("", CURRENCY_SUFFIX.sub("", text.strip()))
    sign = -1 if value[:1] in ("-", "−") else 1
    value = value.lstrip("-−")
    if value.isdigit() and value.isascii():
        return sign * int(value)
    if any(pattern.fullmatch(value) for pattern in GROUPED):
        return sign * int(re.sub(r"[.,]", "", value))
    if any(pattern.fullmatch(value) for pattern in DECIMAL):
        raise NumberNotRead("decimal")
    if DIGITS_AND_SEPARATORS.fullmatch(value):
        raise NumberNotRead("format")
    raise NumberNotRead("letters")


def grouped(number):
    """185000 → "185.000", as Vietnamese writes thousands."""
    return f"{number:,}".replace(",", ".")


class WholeNumberField(forms.Field):
    """A whole number within [minimum, maximum]; each refusal has its own message (error_messages keys: letters,
    decimal, format, too_small, too_large)."""

    def __init__(self, *, minimum, maximum, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return grouped(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value is None or not str(value).strip():
            return None
        try:
            number = parse_whole_number(str(value))
        except NumberNotRead as unread:
            raise ValidationError(self.error_messages[unread.kind], code=unread.kind, params={"value": value}) from None
        if number < self.minimum:
            raise ValidationError(self.error_messages["too_small"], code="too_small")
        if number > self.maximum:
            raise ValidationError(
                self.error_messages["too_large"], code="too_large", params={"maximum": grouped(self.maximum)}
            )
        return number


def price_field(**kwargs):
    return WholeNumberField(
        label=_("Giá bán (đồng)"),
        minimum=1,
        maximum=stock_records.MAX_PRICE,
        help_text=_("Giá một đơn vị, bằng đồng, ví dụ 185000 hoặc 185.000."),
        error_messages={
            "required": _("Hãy nhập giá bán."),
            "letters": _("Giá bán phải là một số tiền bằng đồng, ví dụ 185000 hoặc 185.000."),
            "decimal": _(
                "Giá bán tính bằng đồng chẵn, không có phần lẻ: hãy nhập ví dụ 185000 chứ không phải 185000,5."
            ),
            "format": _(
                "Không đọc được giá bán “%(value)s”: dấu chấm hoặc dấu phẩy chỉ dùng để ngăn cách hàng nghìn, ví dụ 1.250.000."
            ),
            "too_small": _("Giá bán phải lớn hơn 0 đồng."),
            "too_large": _("Giá bán tối đa là %(maximum)s đồng."),
        },
        **kwargs,
    )


def not_below_allocated(stock, record):
    """Units bought but not yet shipped stay reserved: the stock on hand may not drop below them."""
    allocated = (record.num_allocated or 0) if record is not None else 0
    if stock is not None and stock < allocated:
        raise forms.ValidationError(
            _("%(count)s đơn vị đã được đặt mua và chưa giao; tồn kho không thể ít hơn số này.") % {"count": allocated},
            code="below_allocated",
        )
    return stock


def stock_field(**kwargs):
    return WholeNumberField(
        label=_("Số lượng tồn kho"),
        minimum=0,
        maximum=stock_records.MAX_STOCK,
        help_text=_("Số đơn vị còn bán được. Nhập 0 nếu đã hết hàng."),
        error_messages={
            "required": _("Hãy nhập số lượng tồn kho (0 nếu đã hết hàng)."),
            "letters": _("Số lượng tồn kho phải là một số nguyên, ví dụ 20."),
            "decimal": _("Số lượng tồn kho phải là số nguyên, không có phần lẻ."),
            "format": _("Số lượng tồn kho phải là một số nguyên, ví dụ 20."),
            "too_small": _("Số lượng tồn kho không được âm. Nhập 0 nếu đã hết hàng."),
            "too_large": _("Số lượng tồn kho tối đa là %(maximum)s."),
        },
        **kwargs,
    )


def low_stock_field(**kwargs):
    return WholeNumberField(
        label=_("Báo sắp hết hàng khi còn"),
        minimum=0,
        maximum=stock_records.MAX_STOCK,
        error_messages={
            "letters": _("Mức báo sắp hết hàng phải là một số nguyên, ví dụ 5."),
            "decimal": _("Mức báo sắp hết hàng phải là số nguyên, không có phần lẻ."),
            "format": _("Mức báo sắp hết hàng phải là một số nguyên, ví dụ 5."),
            "too_small": _("Mức báo sắp hết hàng không được âm."),
            "too_large": _("Mức báo sắp hết hàng tối đa là %(maximum)s."),
        },
        **kwargs,
    )


# --- Categories and pictures ------------------------------------------------------------------------------------------


class LeafCategoryField(forms.ModelChoiceField):
    """The categories a product goes in (those without subcategories), labelled with their parents: "Parent › Child"."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Category.objects.browsable().filter(numchild=0).order_by("path"), **kwargs)
        self._names = None

    def label_from_instance(self, category):
        if self._names is None:
            self._names = {each.path: each.name for each in Category.objects.only("path", "name")}
        step = Category.steplen
        return " › ".join(self._names.get(category.path[:end], "") for end in range(step, len(category.path) + 1, step))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PicturesField(forms.Field):
    """Several files from one input; each is checked by the form so that the good ones survive a bad one."""

    widget = MultipleFileInput

    def to_python(self, data):
        return [upload for upload in (data or []) if upload]


class HeldUploadsField(forms.Field):
    """Signed tokens of pictures held from an earlier submission of the same form (see shop.uploads.held)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, data):
        return [token for token in (data or []) if isinstance(token, str) and token]


def model_field(name, **kwargs):
    return Product._meta.get_field(name).formfield(**kwargs)


# --- The product form -------------------------------------------------------------------------------------------------


class ProductForm(forms.Form):
    """Title, category, description, price and stock, the label fields and up to five pictures, in Vietnamese.

    A draft needs only its title; a product on sale also keeps its category and price. A parent product's price and
    stock belong to its variants, so its form has neither.

    After ``is_valid()``: ``new_pictures`` are this submission's pictures, checked and cleaned; ``held`` the pictures
    held from earlier submissions that the member kept ticked (``held_uploads``). When the form is invalid,
    ``hold_uploads()`` moves ``new_pictures`` into ``held_uploads`` so the re-rendered form shows them and the next submission attaches them.
    """

    title = NameField(
        label=_("Tên sản phẩm"),
        max_length=200,
        help_text=_("Ví dụ: Mật ong rừng tràm U Minh Hạ"),
        error_messages={"required": _("Hãy nhập tên sản phẩm.")},
    )
    category = LeafCategoryField(
        label=_("Danh mục"),
        required=False,
        empty_label=_("— Chọn danh mục —"),
        error_messages={"required": _("Hãy chọn danh mục cho sản phẩm đang bày bán.")},
    )
    description = UserTextField(
        label=_("Mô tả sản phẩm"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Viết như bình thường; để một dòng trống giữa hai đoạn. Mã HTML sẽ hiện nguyên văn."),
    )
    price = price_field(required=False)
    stock = stock_field(required=False)
    low_stock_threshold = low_stock_field(required=False)
    unit = model_field("unit")
    net_quantity = model_field("net_quantity")
    origin_province = model_field("origin_province", empty_label=_("— Chọn tỉnh / thành phố —"))
    origin_area = model_field("origin_area")
    ingredients = model_field("ingredients", widget=forms.Textarea(attrs={"rows": 3}))
    shelf_life = model_field("shelf_life")
    storage_instructions = model_field("storage_instructions", widget=forms.Textarea(attrs={"rows": 3}))
    manufacturer = model_field("manufacturer")
    certifications = model_field("certifications", widget=forms.Textarea(attrs={"rows": 3}))
    images = PicturesField(
        label=_("Thêm ảnh"),
        required=False,
        help_text=_(
            "Tối đa 5 ảnh mỗi sản phẩm, ảnh JPG, PNG hoặc WebP, mỗi ảnh tối đa 10 MB. Ảnh đầu tiên là ảnh chính."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    held = HeldUploadsField(required=False)
    # Translations for buyers abroad, in their own tab per language; empty ones show the Vietnamese.
    title_en = NameField(
        label=_("Tên sản phẩm"), max_length=200, required=False, widget=forms.TextInput(attrs={"lang": "en"})
    )
    description_en = UserTextField(
        label=_("Mô tả sản phẩm"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    title_zh_hans = NameField(
        label=_("Tên sản phẩm"), max_length=200, required=False, widget=forms.TextInput(attrs={"lang": "zh-hans"})
    )
    description_zh_hans = UserTextField(
        label=_("Mô tả sản phẩm"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "zh-hans"}),
    )
    TRANSLATIONS = (("en", "English"), ("zh_hans", "简体中文"))

    def __init__(self, data=None, files=None, *, storefront, product=None, **kwargs):
        self.storefront, self.product = storefront, product
        if product is not None and data is None:
            kwargs.setdefault("initial", initial_values(product))
        super().__init__(data, files, **kwargs)
        self.new_pictures, self.held_uploads = [], []
        self.fields["low_stock_threshold"].help_text = _(
            "Trang gian hàng nhắc bạn khi số đơn vị còn bán được xuống tới mức này. Để trống để dùng mức chung: "
            "%(default)s."
        ) % {"default": settings.LOW_STOCK_THRESHOLD}
        if product is not None and product.is_parent:
            del self.fields["price"], self.fields["stock"]
        elif product is not None and product.is_public:
            self.fields["price"].required = True
            self.fields["stock"].required = True
        if product is not None and product.is_public:
            self.fields["category"].required = True
        self.existing_images = list(product.images.all()) if product is not None else []

    def clean_stock(self):
        record = stock_records.stock_record(self.product) if self.product is not None else None
        return not_below_allocated(self.cleaned_data.get("stock"), record)

    def clean_images(self):
        refusals = []
        for upload in self.cleaned_data.get("images") or []:
            try:
                self.new_pictures.append(normalised_image(upload))
            except ValidationError as refused:
                refusals.append(refused)
        if refusals:
            raise ValidationError(refusals)
        return self.new_pictures

    def clean_held(self):
        tokens = self.cleaned_data.get("held") or []
        uploads = (held_upload(self.storefront, token) for token in dict.fromkeys(tokens))
        self.held_uploads = [upload for upload in uploads if upload is not None]
        return self.held_uploads

    def clean(self):
        cleaned = super().clean()
        total = len(self.existing_images) + len(self.held_uploads) + len(self.new_pictures)
        if total > pictures.MAX_IMAGES:
            self.add_error("images", pictures.too_many_images_message(len(self.existing_images)))
        return cleaned

    def hold_uploads(self):
        """Keep this submission's checked pictures for the next one (call when the form is invalid)."""
        self.held_uploads += [hold_upload(self.storefront, picture) for picture in self.new_pictures]
        self.new_pictures = []

    @property
    def images_left(self):
        return max(pictures.MAX_IMAGES - len(self.existing_images) - len(self.held_uploads), 0)

    def label_fields(self):
        return [self[name] for name in services.LABEL_FIELDS]

    def translation_groups(self):
        """(language, its name, its fields, whether the tab starts open: it has text or an error)."""
        groups = []
        for language, title in self.TRANSLATIONS:
            fields = [self[f"title_{language}"], self[f"description_{language}"]]
            is_open = any(field.errors or field.value() for field in fields)
            groups.append((language.replace("_", "-"), title, fields, is_open))
        return groups

    def main_fields(self):
        return [
            self[name]
            for name in ("title", "category", "description", "price", "stock", "low_stock_threshold")
            if name in self.fields
        ]


def initial_values(product):
    """The form's values for a stored product."""
    values = {name: getattr(product, name) for name in services.LABEL_FIELDS}
    values["origin_province"] = product.origin_province_id
    values["low_stock_threshold"] = product.low_stock_threshold
    values["title"] = product.title_vi
    values["description"] = descriptions.description_text(product.description_vi)
    for language in ("en", "zh_hans"):
        values[f"title_{language}"] = getattr(product, f"title_{language}") or ""
        values[f"description_{language}"] = descriptions.description_text(
            getattr(product, f"description_{language}") or ""
        )
    category = product.categories.order_by("path").first()
    values["category"] = category.pk if category else None
    record = stock_records.stock_record(product) if not product.is_parent else None
    if record is not None:
        values["price"] = int(record.price) if record.price is not None else None
        values["stock"] = record.num_in_stock
    return values


# --- Variants ---------------------------------------------------------------------------------------------------------


class VariantForm(forms.Form):
    """A variant of a product: its own name (e.g. "250 g"), price and stock.

    When the product is still a single product with a price, ``current_name`` names the variant its present price and
    stock move to (its unit, unless the member says otherwise).
    """

    name = NameField(
        label=_("Tên biến thể"),
        max_length=64,
        help_text=_("Phần tên phân biệt biến thể, ví dụ: 250 g, hũ 500 ml, hộp 10 gói."),
        error_messages={"required": _("Hãy nhập tên biến thể, ví dụ 250 g.")},
    )
    price = price_field()
    stock = stock_field()
    current_name = NameField(
        label=_("Tên của loại đang bán"),
        max_length=64,
        help_text=_("Giá và tồn kho hiện có của sản phẩm chuyển sang biến thể mang tên này."),
    )

    def __init__(self, data=None, *, product, variant=None, **kwargs):
        self.product, self.variant = product, variant
        if variant is not None and data is None:
            record = stock_records.stock_record(variant)
            kwargs.setdefault(
                "initial",
                {
                    "name": variant.unit,
                    "price": int(record.price) if record and record.price is not None else None,
                    "stock": record.num_in_stock if record else None,
                },
            )
        super().__init__(data, **kwargs)
        self.current_record = None
        if variant is None and product.is_standalone:
            self.current_record = stock_records.stock_record(product)
        if self.current_record is None or self.current_record.price is None:
            del self.fields["current_name"]
        else:
            self.fields["current_name"].initial = product.unit or variants.DEFAULT_VARIANT_NAME

    def clean_stock(self):
        record = stock_records.stock_record(self.variant) if self.variant is not None else None
        return not_below_allocated(self.cleaned_data.get("stock"), record)

    @property
    def current_price(self):
        return self.current_record.price if self.current_record else None
