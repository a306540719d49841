"""The one interface both search backends implement."""


class SearchBackend:
    """Where product records are indexed and searched.

    ``search`` answers a SearchQuery with SearchResults; ``suggest`` completes what a shopper is typing (at most
    ``limit`` products, as (record, text) pairs); ``index`` adds or replaces records, ``delete`` removes products by
    id and ``delete_stall`` every product of a stall; ``rebuild`` fills a new index from an iterable of records and
    only then puts it in service, so searches keep working meanwhile.
    """

    name = ""

    def search(self, query):
        raise NotImplementedError

    def suggest(self, text, language, limit):
        raise NotImplementedError

    def index(self, records):
        raise NotImplementedError

    def delete(self, product_ids):
        raise NotImplementedError

    def delete_stall(self, stall_slug):
        raise NotImplementedError

    def count(self):
        """How many products the index in service holds (0 when there is none yet)."""
        raise NotImplementedError

    def rebuild(self, records, progress=None):
        """Index ``records`` into a fresh index and swap it in; ``progress(count)`` is called as records go in.
        Returns the number of records indexed."""
        raise NotImplementedError
