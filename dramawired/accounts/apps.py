from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dramawired.accounts"
    verbose_name = "Reader accounts"
