from django.contrib.sitemaps import Sitemap

from .models import Story


class StorySitemap(Sitemap):
    """Stories more than one outlet covers (a story of one post is its article)."""

    changefreq = "hourly"
    limit = 10_000

    def items(self):
        return Story.objects.filter(outlet_count__gte=2).only("pk", "slug",
                                                              "last_published_at")

    def lastmod(self, item):
        return item.last_published_at
