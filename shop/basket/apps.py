import oscar.apps.basket.apps as oscar_apps


class BasketConfig(oscar_apps.BasketConfig):
    """Oscar's basket app, forked for one thing: a basket's lines load what checkout reads of them (models.py)."""

    name = "shop.basket"
