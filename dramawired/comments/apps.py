from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "dramawired.comments"
    verbose_name = "Comments"

    def ready(self):
        from . import signals  # noqa: F401 - redraws cached articles when comments change
