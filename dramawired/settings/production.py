"""Production: base plus the checks a public deployment needs."""

import os

from .base import *  # noqa: F403

if SECRET_KEY.startswith("dev-only"):  # noqa: F405
    raise RuntimeError("Set DRAMAWIRED_SECRET_KEY for production.")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("DRAMAWIRED_HTTPS", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served behind nginx (deploy/): the reader's address comes from its X-Real-IP header.
# Set DRAMAWIRED_BEHIND_PROXY=0 when gunicorn faces readers directly.
DRAMAWIRED_BEHIND_PROXY = env_bool("DRAMAWIRED_BEHIND_PROXY", True)  # noqa: F405
