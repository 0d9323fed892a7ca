from django.apps import AppConfig


class SiteconfigConfig(AppConfig):
    name = "dramawired.siteconfig"
    verbose_name = "Site settings"

    def ready(self):
        from . import signals  # noqa: F401 - forgets the cached settings and menu on changes
