"""The products' section of sitemap.xml (registered by apps.py)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Product


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return Product.objects.visible().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Product.objects.visible().aggregate(latest=Max("updated_at"))["latest"]
