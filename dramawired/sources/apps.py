from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "dramawired.sources"
    verbose_name = "Sources"
