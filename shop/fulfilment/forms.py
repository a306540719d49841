"""Checkout, order lookup and the stall's order actions."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.fulfilment.countries import country_name
from shop.fulfilment.models import StallOrder
from shop.visible_text import NameField, UserTextField
from storefronts.models import Province
from storefronts.validators import normalize_phone, validate_phone

Country = get_model("address", "Country")
INTERNATIONAL_PHONE = re.compile(r"^\+?[0-9]{7,15}$")


class CountryField(forms.ModelChoiceField):
    """Countries named in the buyer's language (Oscar stores one name, ours in Vietnamese)."""

    def label_from_instance(self, obj):
        return country_name(obj)


class CheckoutForm(forms.Form):
    """One page: who receives the goods, where, how each stall sends them, and how the buyer pays.

    Vietnamese addresses take a province (the 34 of 2025), a commune or ward and a street; an address abroad takes a
    street, a city and a postcode. One shipping choice per stall in the basket (``shipping_<stall id>``).
    """

    name = NameField(label=_("Họ và tên người nhận"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), help_text=_("Để nhận xác nhận đơn hàng và tra cứu đơn."))
    phone = forms.CharField(label=_("Số điện thoại"), max_length=32)
    country = CountryField(
        label=_("Quốc gia"), queryset=Country.objects.filter(is_shipping_country=True), to_field_name="iso_3166_1_a2"
    )
    province = forms.ModelChoiceField(label=_("Tỉnh / thành phố"), queryset=Province.objects.all(), required=False)
    commune = UserTextField(label=_("Xã / phường"), max_length=120, required=False)
    street = UserTextField(label=_("Số nhà, đường, thôn / ấp"), max_length=255)
    city = UserTextField(label=_("Thành phố (ở nước ngoài)"), max_length=120, required=False)
    postcode = forms.CharField(label=_("Mã bưu chính"), max_length=32, required=False)
    note = UserTextField(label=_("Ghi chú cho người bán"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    method = forms.ChoiceField(label=_("Cách thanh toán"), widget=forms.RadioSelect)

    def __init__(self, *args, parcels=(), gateways=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(gateway.code, gateway.name) for gateway in gateways]
        self.domestic_methods = {gateway.code for gateway in gateways if gateway.domestic_only}
        self.parcels = list(parcels)
        for parcel in self.parcels:
            self.fields[f"shipping_{parcel.storefront.pk}"] = forms.ChoiceField(
                label=parcel.storefront.name,
                choices=StallOrder.Shipping.choices,
                initial=StallOrder.Shipping.DELIVERY,
                widget=forms.RadioSelect,
            )

    def shipping_fields(self):
        return [(parcel, self[f"shipping_{parcel.storefront.pk}"]) for parcel in self.parcels]

    def clean(self):
        data = super().clean()
        country = data.get("country")
        in_vietnam = country is not None and country.iso_3166_1_a2 == "VN"
        phone = data.get("phone", "")
        if in_vietnam:
            for name in ("province", "commune"):
                if not data.get(name):
                    self.add_error(name, _("Vui lòng điền mục này cho địa chỉ ở Việt Nam."))
            if phone:
                try:
                    validate_phone(phone)
                except forms.ValidationError as error:
                    self.add_error("phone", error)
                else:
                    data["phone"] = normalize_phone(phone)
        elif country is not None:
            if not data.get("city"):
                self.add_error("city", _("Vui lòng điền thành phố cho địa chỉ ở nước ngoài."))
            if phone and not INTERNATIONAL_PHONE.match(re.sub(r"[\s.\-()]", "", phone)):
                self.add_error("phone", _("Số điện thoại không hợp lệ. Ví dụ: +1 415 555 0100."))
            data["province"] = None
            if data.get("method") in self.domestic_methods:
                self.add_error(
                    "method",
                    _("Thanh toán khi nhận hàng chỉ dùng cho địa chỉ ở Việt Nam: hãy chọn cách thanh toán khác."),
                )
        return data

    def details(self, language):
        from shop.fulfilment.services import CheckoutDetails

        data = self.cleaned_data
        return CheckoutDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            country=data["country"].iso_3166_1_a2,
            province_id=data["province"].pk if data.get("province") else None,
            commune=data.get("commune", ""),
            street=data["street"],
            city=data.get("city", ""),
            postcode=data.get("postcode", ""),
            method=data["method"],
            note=data.get("note", ""),
            language=language,
            choices={str(parcel.storefront.pk): data[f"shipping_{parcel.storefront.pk}"] for parcel in self.parcels},
        )


def initial_from(details):
    """The form's initial values from details kept in the session, so nothing typed is lost going back."""
    initial = {
        "name": details.name,
        "email": details.email,
        "phone": details.phone,
        "country": details.country,
        "province": details.province_id,
        "commune": details.commune,
        "street": details.street,
        "city": details.city,
        "postcode": details.postcode,
        "method": details.method,
        "note": details.note,
    }
    initial.update({f"shipping_{pk}": value for pk, value in details.choices.items()})
    return initial


class OrderLookupForm(forms.Form):
    number = forms.CharField(label=_("Mã đơn hàng"), max_length=128)
    email = forms.EmailField(label=_("Thư điện tử đã dùng khi đặt hàng"))


class ShipForm(forms.Form):
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=64, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class DeliverForm(forms.Form):
    cash_collected = forms.BooleanField(label=_("Đã thu tiền mặt của người mua"), required=False)
