from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dramawired.pipeline"
    verbose_name = "Pipeline"
