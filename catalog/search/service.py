"""Searching the catalogue, for the views: one call each for a results page and for suggestions."""

import logging

from elastic_transport import TransportError
from elasticsearch import ApiError
from oscar.core.loading import get_model

from catalog.search.backends import get_backend
from catalog.search.queries import SUGGESTION_LIMIT
from catalog.search.results import Hit, present
from catalog.search.signals import reindex_on_commit

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The search engine could not answer (Elasticsearch down or refusing the request)."""


def search_products(query):
    """SearchResults for a SearchQuery."""
    try:
        results = get_backend().search(query)
    except (ApiError, TransportError) as error:
        logger.exception("Search failed")
        raise SearchUnavailable from error
    results.hits = only_browsable(results.hits)
    return results


def only_browsable(hits):
    """The hits whose product may be shown right now. The index follows the catalogue after each commit, but a
    change made without signals (QuerySet.update) or a task still queued must never show a hidden product or a
    suspended stall's: such hits are dropped here (one query) and their products reindexed."""
    Product = get_model("catalogue", "Product")
    ids = [hit.id for hit in hits]
    if not ids:
        return hits
    visible = set(Product.objects.browsable().filter(pk__in=ids).values_list("pk", flat=True))
    stale = [pk for pk in ids if pk not in visible]
    if stale:
        reindex_on_commit(stale)
    return [hit for hit in hits if hit.id in visible]


def suggest_products(text, language, limit=SUGGESTION_LIMIT):
    """At most ``limit`` products whose title (in ``language`` or Vietnamese) has a word starting with what was typed:
    [{"id", "title", "url"}], the title in ``language``."""
    try:
        records = get_backend().suggest(text, language, min(limit, SUGGESTION_LIMIT))
    except (ApiError, TransportError) as error:
        logger.exception("Suggestions failed")
        raise SearchUnavailable from error
    suggestions = []
    for hit in only_browsable([Hit(record) for record in records])[:limit]:
        item = present(hit, language)
        suggestions.append({"id": item["id"], "title": item["title"], "url": item["url"]})
    return suggestions
