from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dramawired.search"
    verbose_name = "Search"
