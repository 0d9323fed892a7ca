"""Test settings: the same as base, with what makes tests fast and hermetic."""

import os

os.environ.setdefault("DRAMAWIRED_ALLOW_PRIVATE_NETWORKS", "1")

from .base import *  # noqa: E402,F403

# Tests fetch from the demo publishers on 127.0.0.1, so loopback must be allowed.
DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = True
# SQLite tests use a file, as deployments do: WAL and busy waiting behave as in production
# (an in-memory database locks whole tables instead, failing concurrent writers at once).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"dramawired-test-{os.getpid()}.sqlite3")}
# Fast hashing: the default PBKDF2 rounds cost ~0.3 s per login in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process its own cache, emptied between tests (conftest), unless REDIS_URL.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests never depend on collected static files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Short timeouts keep the broken-publisher tests quick.
DRAMAWIRED_FETCH = {**DRAMAWIRED_FETCH, "timeout": 2.0}  # noqa: F405
# Serve static files from the apps' folders as DEBUG does: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Jobs queue in memory and run only when a test runs them (conftest's `run_jobs`), so a
# source created in a test is not polled behind its back.
HUEY = {"huey_class": "huey.MemoryHuey", "name": "test", "immediate": False,
        "results": False}
