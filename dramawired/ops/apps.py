from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "dramawired.ops"
    verbose_name = "Operations"
