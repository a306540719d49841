import oscar.apps.dashboard.apps as oscar_apps
from django.urls import path
from oscar.core.loading import get_class

# Who reads the overview: the union staff, through their group's permission to review stalls (the permission the
# translation coverage report asks too), never through ``is_staff`` alone or ``partner.dashboard_access``.
OVERVIEW_PERMISSIONS = ["storefronts.review_storefront"]


class DashboardConfig(oscar_apps.DashboardConfig):
    """Oscar's dashboard, forked for its home page: the union staff's overview (shop/dashboard/views.py) instead of
    Oscar's shop statistics. The rest of Oscar's dashboard is unchanged."""

    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map.update(index=OVERVIEW_PERMISSIONS, **{"overview-export": OVERVIEW_PERMISSIONS})

    def ready(self):
        super().ready()
        self.overview_export_view = get_class("dashboard.views", "OverviewExportView")

    def get_urls(self):
        urls = super().get_urls()
        export = path(
            "overview/<slug:table>.<str:file_format>", self.overview_export_view.as_view(), name="overview-export"
        )
        return [*urls, *self.post_process_urls([export])]
