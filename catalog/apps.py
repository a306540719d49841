import oscar.apps.catalogue.apps as oscar_apps


class CatalogueConfig(oscar_apps.CatalogueConfig):
    """Oscar's catalogue, forked: the folder is catalog/, the app label stays ``catalogue``."""

    name = "catalog"
