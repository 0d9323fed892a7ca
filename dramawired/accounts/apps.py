from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dramawired.accounts"
    verbose_name = "Reader accounts"

    def ready(self):
        # Registers the account mail tasks with huey: a worker imports no views.
        from . import tasks  # noqa: F401
