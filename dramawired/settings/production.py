"""Production: base plus the checks a public deployment needs."""

import os

from dramawired.ops.secretkey import require_strong_secret_key

from .base import *  # noqa: F403

# Refuses to start on a missing, example or weak DRAMAWIRED_SECRET_KEY.
require_strong_secret_key(SECRET_KEY)  # noqa: F405
DRAMAWIRED_HTTPS = env_bool("DRAMAWIRED_HTTPS", True)  # noqa: F405
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = DRAMAWIRED_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if DRAMAWIRED_HTTPS:
    # Browsers that saw the site over HTTPS never try plain HTTP again for this long
    # (a year, as Django's deployment checklist suggests). Sent on HTTPS requests only.
    # Subdomains are left out unless asked for: the site may share its domain with others.
    SECURE_HSTS_SECONDS = int(os.environ.get("DRAMAWIRED_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DRAMAWIRED_HSTS_INCLUDE_SUBDOMAINS")  # noqa: F405
# Served behind nginx (deploy/): the reader's address comes from its X-Real-IP header,
# believed only from DRAMAWIRED_TRUSTED_PROXIES (loopback by default: nginx on this
# machine). Set DRAMAWIRED_BEHIND_PROXY=0 when gunicorn faces readers directly.
DRAMAWIRED_BEHIND_PROXY = env_bool("DRAMAWIRED_BEHIND_PROXY", True)  # noqa: F405
# Test payments (no money moves) are refused in production unless explicitly enabled.
DRAMAWIRED_SHOP_TEST_PAYMENTS = env_bool("DRAMAWIRED_SHOP_TEST_PAYMENTS")  # noqa: F405
