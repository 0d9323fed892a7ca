"""Test settings: the same as base, with what makes tests fast and hermetic."""

import os

os.environ.setdefault("DRAMAWIRED_ALLOW_PRIVATE_NETWORKS", "1")

from .base import *  # noqa: E402,F403

# Tests fetch from the demo publishers on 127.0.0.1, so loopback must be allowed.
DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = True
# Fast hashing: the default PBKDF2 rounds cost ~0.3 s per login in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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
