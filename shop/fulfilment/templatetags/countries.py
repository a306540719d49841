"""``{{ address.country|country_name }}``: a country in the reader's language (see shop/fulfilment/countries.py)."""

from django import template

from shop.fulfilment.countries import country_name as name_of

register = template.Library()


@register.filter
def country_name(country):
    return name_of(country)
