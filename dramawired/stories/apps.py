from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "dramawired.stories"
    verbose_name = "Stories"

    def ready(self):
        # Registers the regrouping job with huey and the cache bumps of story changes.
        from dramawired.news.sitemaps import SITEMAPS

        from . import jobs, signals  # noqa: F401
        from .sitemaps import StorySitemap

        # The sitemap index lists a section per entry: news knows nothing of stories.
        SITEMAPS.setdefault("stories", StorySitemap)
