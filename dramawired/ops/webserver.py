"""The web server: gunicorn serving the Django app, whitenoise serving static files."""

from gunicorn.app.base import BaseApplication


class WebServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from dramawired.wsgi import application

        return application


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    """Serve until Ctrl-C (gunicorn stops its workers cleanly on SIGINT/SIGTERM)."""
    # Threaded workers keep connections alive (sync workers close each one) and let a
    # worker answer cached pages while another request waits on the database.
    WebServer({"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
               "threads": 4, "keepalive": 5, "errorlog": "-", "graceful_timeout": 10}).run()
