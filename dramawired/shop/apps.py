from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "dramawired.shop"
    verbose_name = "Shop"

    def ready(self):
        from dramawired.news.sitemaps import SITEMAPS

        from . import cart, jobs, order_admin, signals  # noqa: F401 - log-in, jobs, admin, caches
        from .sitemaps import ProductSitemap

        # Registered here, not in news/: the shop depends on the news, never the reverse.
        SITEMAPS.setdefault("products", ProductSitemap)
