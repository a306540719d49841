"""A member's own products, under the language prefix at /<lang>/my-stall/products/ (namespace "catalog-seller")."""

from django.urls import path

from catalog import import_views, seller_views

app_name = "catalog-seller"

urlpatterns = [
    path("", seller_views.ProductListView.as_view(), name="list"),
    path("new/", seller_views.ProductCreateView.as_view(), name="create"),
    path("<int:pk>/", seller_views.ProductUpdateView.as_view(), name="update"),
    path("<int:pk>/preview/", seller_views.ProductPreviewView.as_view(), name="preview"),
    path("<int:pk>/publish/", seller_views.PublishProductView.as_view(), name="publish"),
    path("<int:pk>/variants/new/", seller_views.VariantCreateView.as_view(), name="variant-create"),
    path("<int:pk>/images/<int:image_pk>/delete/", seller_views.ImageDeleteView.as_view(), name="image-delete"),
    path("import/", import_views.ImportView.as_view(), name="import"),
    path("import/template.<str:fmt>", import_views.ImportTemplateView.as_view(), name="import-template"),
    path("import/<int:pk>/", import_views.ImportStatusView.as_view(), name="import-status"),
]
