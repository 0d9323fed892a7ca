"""Settings shared by every environment. Everything that differs comes from environment
variables, so one code base runs the embedded default (SQLite, no services) and a
PostgreSQL + Redis deployment alike."""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Mutable state (SQLite file, collected static, mail) lives in var/ beside the checkout.
VAR_DIR = Path(os.environ.get("DRAMAWIRED_VAR_DIR", PACKAGE_DIR.parent / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DRAMAWIRED_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DRAMAWIRED_DEBUG")
ALLOWED_HOSTS = os.environ.get("DRAMAWIRED_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "dramawired.siteconfig",
    "dramawired.sources",
    "dramawired.news",
    "dramawired.pipeline",
    "dramawired.engagement",
    "dramawired.accounts",
    "dramawired.comments",
    "dramawired.search",
    "dramawired.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dramawired.news.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dramawired.urls"
WSGI_APPLICATION = "dramawired.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dramawired.siteconfig.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dramawired.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must work on a fresh checkout, where var/ does not exist yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while the pipeline writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on busy_timeout instead of failing with "locked".
        "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=normal;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    # Files under var/: every web and worker process on the machine shares one cache (the
    # page cache and its invalidation must be seen by all gunicorn workers), no server.
    CACHES = {"default": {"BACKEND": "dramawired.filecache.FileCache",
                          "LOCATION": str(VAR_DIR / "cache"),
                          "OPTIONS": {"MAX_ENTRIES": 20_000}}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "loggers": {
        "dramawired": {
            "handlers": ["console"],
            "level": os.environ.get("DRAMAWIRED_LOG_LEVEL", "WARNING"),
        },
    },
}

# --- Ingestion -------------------------------------------------------------------------
# Fetching loopback/private addresses is refused unless allowed: a feed URL is user input
# and must not become a way to reach internal services (SSRF). "1" allows them all; a
# comma-separated list of networks ("127.0.0.0/8,10.1.0.0/16") allows just those.
_private = os.environ.get("DRAMAWIRED_ALLOW_PRIVATE_NETWORKS", "").strip()
DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = _private.lower() in {"1", "true", "yes", "on"}
DRAMAWIRED_ALLOWED_NETWORKS = tuple(
    n.strip() for n in _private.split(",") if "/" in n or n.count(".") == 3
)
# Publishers see who is fetching and where to complain: name the deployment's site.
DRAMAWIRED_USER_AGENT = os.environ.get(
    "DRAMAWIRED_USER_AGENT", "DramaWired/0.1 (feed aggregator; +http://127.0.0.1:8000/)")
DRAMAWIRED_FETCH = {
    "timeout": float(os.environ.get("DRAMAWIRED_FETCH_TIMEOUT", "15")),
    "max_bytes": int(os.environ.get("DRAMAWIRED_FETCH_MAX_BYTES", str(5 * 1024 * 1024))),
    "max_redirects": 5,
    "per_host": int(os.environ.get("DRAMAWIRED_FETCH_PER_HOST", "2")),
    "workers": int(os.environ.get("DRAMAWIRED_FETCH_WORKERS", "8")),
}
# Posts older than this (days) in a feed are filtered out; 0 keeps everything.
DRAMAWIRED_MAX_AGE_DAYS = int(os.environ.get("DRAMAWIRED_MAX_AGE_DAYS", "0"))
# A new story this close (simhash bits) to a recent post is the same story retold.
DRAMAWIRED_DUPLICATE_DISTANCE = 8
DRAMAWIRED_DUPLICATE_WINDOW_DAYS = 14
