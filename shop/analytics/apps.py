import oscar.apps.analytics.apps as oscar_apps


class AnalyticsConfig(oscar_apps.AnalyticsConfig):
    """Oscar's analytics app, forked for its counters: see receivers.py."""

    name = "shop.analytics"

    def ready(self):
        from shop.analytics import receivers  # noqa: F401 (connects them; Oscar's own are never imported)
