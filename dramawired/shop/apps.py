from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "dramawired.shop"
    verbose_name = "Shop"

    def ready(self):
        from dramawired.news.sitemaps import SITEMAPS

        from . import cart, jobs, signals  # noqa: F401 - log-in merge, feed jobs, cache bumps
        from .sitemaps import ProductSitemap

        # Registered here, not in news/: the shop depends on the news, never the reverse.
        SITEMAPS.setdefault("products", ProductSitemap)
