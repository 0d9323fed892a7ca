from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "dramawired.comments"
    verbose_name = "Comments"
