from django.apps import AppConfig


class WordpressConfig(AppConfig):
    name = "dramawired.wordpress"
    label = "wordpress"
    verbose_name = "WordPress import"
