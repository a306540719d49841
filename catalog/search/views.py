"""The search page (replacing Oscar's haystack search at /<lang>/search/) and the public JSON API.

Both read the same parameters (see catalog.search.queries). The page drops a malformed parameter and says why; the
API answers it with 400 and the message. Both answer in the language of the URL prefix, or of the Accept-Language
header on the unprefixed /api/search/.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalog.search.queries import SORTS, SUGGESTION_LIMIT, InvalidSearch, parse_search, parse_search_leniently
from catalog.search.service import SearchUnavailable, search_products, suggest_products

UNAVAILABLE_STATUS = 503
JSON_OPTIONS = {"ensure_ascii": False}


@require_safe
def search_page(request):
    query, errors = parse_search_leniently(request.GET, get_language())
    context = {"query": query, "errors": list(errors.values()), "sorts": list(SORTS.items())}
    try:
        results = search_products(query)
    except SearchUnavailable:
        return TemplateResponse(request, "catalogue/search/results.html", context, status=UNAVAILABLE_STATUS)
    context.update(results=results, items=results.items(), facets=linked_facets(results.facets(), request.GET))
    context["page_links"] = page_links(results, request.GET)
    return TemplateResponse(request, "catalogue/search/results.html", context)


@require_safe
def api_search(request):
    try:
        query = parse_search(request.GET, get_language())
    except InvalidSearch as invalid:
        return bad_request(invalid.errors)
    try:
        results = search_products(query)
    except SearchUnavailable:
        return unavailable()
    return JsonResponse(api_payload(results, request), json_dumps_params=JSON_OPTIONS)


@require_safe
def api_suggest(request):
    raw_limit = request.GET.get("limit", "").strip()
    limit = SUGGESTION_LIMIT
    if raw_limit:
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= SUGGESTION_LIMIT:
            message = _("Số gợi ý phải từ 1 đến %(max)s.") % {"max": SUGGESTION_LIMIT}
            return bad_request({"limit": message})
        limit = int(raw_limit)
    text = request.GET.get("q", "")
    try:
        suggestions = suggest_products(text, get_language(), limit)
    except SearchUnavailable:
        return unavailable()
    for suggestion in suggestions:
        suggestion["url"] = request.build_absolute_uri(suggestion["url"])
    return JsonResponse({"query": text[:200], "suggestions": suggestions}, json_dumps_params=JSON_OPTIONS)


def bad_request(errors):
    messages = {name: str(message) for name, message in errors.items()}
    return JsonResponse(
        {"error": " ".join(messages.values()), "errors": messages}, status=400, json_dumps_params=JSON_OPTIONS
    )


def unavailable():
    message = _("Tìm kiếm tạm thời gián đoạn. Vui lòng thử lại sau ít phút.")
    return JsonResponse({"error": message}, status=UNAVAILABLE_STATUS, json_dumps_params=JSON_OPTIONS)


def api_payload(results, request):
    query = results.query
    items = results.items()
    for item in items:
        item["url"] = request.build_absolute_uri(item["url"])
        item["stall"]["url"] = request.build_absolute_uri(item["stall"]["url"])
        if item["thumbnail"]:
            item["thumbnail"] = request.build_absolute_uri(item["thumbnail"])
        item["highlight"] = {name: str(html) for name, html in item["highlight"].items()}
    facets = results.facets()
    return {
        "language": query.language,
        "query": query.text,
        "count": results.count,
        "partial": results.partial,
        "page": query.page,
        "pages": results.num_pages,
        "per_page": query.per_page,
        "sort": query.sort,
        "results": items,
        "facets": {
            "category": [facet_json(value, depth=value.depth) for value in facets["category"]],
            "ocop_stars": [facet_json(value, value=int(value.value)) for value in facets["ocop_stars"]],
            "province": [facet_json(value) for value in facets["province"]],
            "stall": [facet_json(value) for value in facets["stall"]],
            "price": [facet_json(value, value=None, min=value.low, max=value.high) for value in facets["price"]],
            "in_stock": {"count": facets["in_stock"].count, "selected": facets["in_stock"].selected},
        },
    }


def facet_json(facet, **extra):
    data = {"value": facet.value, "label": str(facet.label), "count": facet.count, "selected": facet.selected}
    data.update(extra)
    if data["value"] is None:
        del data["value"]
    return data


# --- Links of the HTML page -------------------------------------------------------------------------------------------


def link(params, **changes):
    """The query string of the current search with some parameters set (or removed when None), back on page 1.

    Built from a plain dict rather than a copy of the QueryDict (a deep copy): a page links every facet value."""
    updated = {name: values for name, values in params.lists() if name != "page"}
    for name, value in changes.items():
        updated.pop(name, None)
        if value is not None and value != "":
            updated[name] = [value]
    return "?" + urlencode(updated, doseq=True)


def linked_facets(facets, params):
    """Each facet value with the link that selects it (or, when selected, clears it)."""
    for dimension in ("category", "ocop_stars", "province", "stall"):
        for value in facets[dimension]:
            value.url = link(params, **{dimension: None if value.selected else value.value})
    for value in facets["price"]:
        if value.selected:
            value.url = link(params, price_min=None, price_max=None)
        else:
            value.url = link(params, price_min=value.low, price_max=value.high)
    in_stock = facets["in_stock"]
    in_stock.url = link(params, in_stock=None if in_stock.selected else "1")
    return facets


def page_links(results, params):
    links = {}
    if results.has_previous:
        links["previous"] = link(params, page=results.query.page - 1)
    if results.has_next:
        links["next"] = link(params, page=results.query.page + 1)
    return links
