from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dramawired.demo"
    verbose_name = "Demo publishers"
