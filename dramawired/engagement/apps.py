from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "dramawired.engagement"
    verbose_name = "Engagement (views and shares)"
