from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dramawired.pipeline"
    verbose_name = "Pipeline"

    def ready(self):
        # Registers the background tasks with huey (web processes queue them, workers run
        # them) and the "poll a new source at once" signal.
        from . import jobs  # noqa: F401
