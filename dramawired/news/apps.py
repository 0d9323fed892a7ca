from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "dramawired.news"
    verbose_name = "News"
