"""The search backend in use: Elasticsearch when ELASTICSEARCH_URL is set (settings.SEARCH_BACKEND), else the
database. Both give the same answers to the same questions (tests/catalog/search runs one suite against both)."""

from django.conf import settings


def get_backend():
    if settings.SEARCH_BACKEND == "elasticsearch":
        from catalog.search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    from catalog.search.backends.database import DatabaseBackend

    return DatabaseBackend()
