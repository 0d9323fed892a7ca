from django.apps import AppConfig


class SiteconfigConfig(AppConfig):
    name = "dramawired.siteconfig"
    verbose_name = "Site settings"
