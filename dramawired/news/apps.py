from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "dramawired.news"
    verbose_name = "News"

    def ready(self):
        from . import signals  # noqa: F401 - connects the page-cache invalidation
