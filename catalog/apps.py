import oscar.apps.catalogue.apps as oscar_apps


class CatalogueConfig(oscar_apps.CatalogueConfig):
    """Oscar's catalogue, forked: the folder is catalog/, the app label stays ``catalogue``."""

    name = "catalog"

    def ready(self):
        super().ready()
        from catalog.search import signals  # noqa: F401 (keeps the search index in step with the catalogue)
