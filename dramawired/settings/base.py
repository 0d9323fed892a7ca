"""Settings shared by every environment. Everything that differs comes from environment
variables, so one code base runs the embedded default (SQLite, no services) and a
PostgreSQL + Redis deployment alike."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from dramawired.ops.private import keep_private

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
    "dramawired.stories",
    "dramawired.shop",
    "dramawired.demo",
    "dramawired.wordpress",
    "dramawired.ops",
    "axes",
]

MIDDLEWARE = [
    "dramawired.ops.proxy.RealAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so cached pages carry the policy too.
    "dramawired.ops.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache: old WordPress addresses (/?p=12 would be served as home).
    "dramawired.wordpress.middleware.OldAddressMiddleware",
    "dramawired.news.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes' backend first: it refuses a locked-out login before any password is checked.
# AxesBackend (not AxesStandaloneBackend) because it can also load the user of a session, as
# client.force_login() and login() record the first backend when given none.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "dramawired.accounts.backends.UsernameOrEmailBackend",
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
        # A kept connection is checked before reuse: after a PostgreSQL restart each thread
        # reconnects instead of failing its first request or job on the dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that cannot be reached fails a request in seconds instead of holding a
    # web thread; keepalives notice a peer that vanished (libpq connection parameters).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 30,
        "keepalives_interval": 10, "keepalives_count": 3, "tcp_user_timeout": 30_000})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must work on a fresh checkout, where var/ does not exist yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Connections are kept (conn_max_age above), as on PostgreSQL: opening one and setting
    # its pragmas cost ~1 ms of a page that itself takes ~2.5 ms to draw.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while the pipeline writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on busy_timeout instead of failing with "locked".
        "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=normal;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # A Redis outage turns cache reads into misses and writes into no-ops (logged), so
    # pages still render from the database and logins still work while it is down.
    CACHES = {"default": {"BACKEND": "dramawired.rediscache.ResilientRedisCache",
                          "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    # Sessions read from Redis, written through to the database: none lost with Redis.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
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
        # The queue consumer: its errors (queue unreachable, a task crashed) are shown.
        "huey": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every 500 with its traceback: Django's default sends these only to ADMINS by
        # mail (none here) or to the console under DEBUG, so production logged nothing.
        # ERROR only: 4xx answers are WARNING and would flood the log with scanners' 404s.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- Security --------------------------------------------------------------------------
# var/ holds the database, the job queue, password-reset links (var/mail) and cached pages:
# for the site's own user only. The umask makes what these processes create there 0600
# files and 0700 folders (SQLite's -wal and -shm, each mail, each cache entry).
keep_private(VAR_DIR)
# The proxies whose X-Real-IP header names the reader (with DRAMAWIRED_BEHIND_PROXY on):
# addresses or networks, comma-separated. Any other peer's header is ignored (ops/proxy.py).
DRAMAWIRED_TRUSTED_PROXIES = os.environ.get(
    "DRAMAWIRED_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")

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
# One poll builds at most this many new items (the newest first in feed order); a feed
# with more is read again at the next poll. Bounds a poll's time and memory.
DRAMAWIRED_MAX_ITEMS_PER_POLL = int(os.environ.get("DRAMAWIRED_MAX_ITEMS_PER_POLL", "200"))
# Processes that build a large poll's articles beside the one that publishes (pipeline/
# building.py): one fewer than the cores unless set; 0 builds in the poll's threads.
if "DRAMAWIRED_BUILD_PROCESSES" in os.environ:
    DRAMAWIRED_BUILD_PROCESSES = int(os.environ["DRAMAWIRED_BUILD_PROCESSES"])
# An item whose page and article take longer than this (seconds) is given up.
DRAMAWIRED_ITEM_SECONDS = float(os.environ.get("DRAMAWIRED_ITEM_SECONDS", "60"))
# A post published from its feed because the page could not be had: its page is tried
# again this many times, waiting RETRY_MINUTES, then twice as long each time.
DRAMAWIRED_PAGE_RETRIES = int(os.environ.get("DRAMAWIRED_PAGE_RETRIES", "5"))
DRAMAWIRED_PAGE_RETRY_MINUTES = int(os.environ.get("DRAMAWIRED_PAGE_RETRY_MINUTES", "15"))

# --- Background jobs (huey) ------------------------------------------------------------
# The queue: a SQLite file under var/ on the embedded default (no server); Redis when
# REDIS_URL is set, so workers on several machines share one queue.
_QUEUE_NAME = os.environ.get("DRAMAWIRED_QUEUE_NAME", "dramawired")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": _QUEUE_NAME, "url": REDIS_URL,
            "immediate": False, "results": False}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "name": _QUEUE_NAME, "immediate": False,
            "results": False, "filename": str(VAR_DIR / "queue.sqlite3"), "timeout": 20}
# A poll claims its source for this long (seconds), renewed after every item: a worker
# killed mid-poll holds the source no longer than this, and a second worker never polls
# a source whose claim is alive.
DRAMAWIRED_POLL_LEASE = int(os.environ.get("DRAMAWIRED_POLL_LEASE", "300"))
# Posts published more than this many days ago are deleted by a daily job; posts with
# comments or an editor's changes are kept. 0 keeps everything.
DRAMAWIRED_RETENTION_DAYS = int(os.environ.get("DRAMAWIRED_RETENTION_DAYS", "0"))

# --- Shop ----------------------------------------------------------------------------
# The currency the shop sells in: a product feed priced in another is refused row by row.
DRAMAWIRED_SHOP_CURRENCY = os.environ.get("DRAMAWIRED_SHOP_CURRENCY", "USD").upper()
# Stripe Checkout (shop/payments/stripe.py) when its secret key is set.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# The offline test provider (no money moves): on here, off in production unless enabled.
DRAMAWIRED_SHOP_TEST_PAYMENTS = env_bool("DRAMAWIRED_SHOP_TEST_PAYMENTS", True)
# Who hears of new orders (comma-separated addresses); empty: the staff accounts' addresses.
DRAMAWIRED_SHOP_STAFF_EMAILS = [
    a.strip() for a in os.environ.get("DRAMAWIRED_SHOP_STAFF_EMAILS", "").split(",") if a.strip()]

# --- Accounts and email ----------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Readers can create accounts unless DRAMAWIRED_SIGNUP_OPEN=0.
DRAMAWIRED_SIGNUP_OPEN = env_bool("DRAMAWIRED_SIGNUP_OPEN", True)
# Django's four checks on a new password: not like the username or email, 8+ characters,
# not one of 20,000 common passwords, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in ("UserAttributeSimilarityValidator", "MinimumLengthValidator",
                 "CommonPasswordValidator", "NumericPasswordValidator")
]
# A reset link works once (its token hashes the password and last login) and for a day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Mail goes out by SMTP when EMAIL_HOST is set; otherwise each message is written to a file
# under var/mail/, so the embedded default needs no mail server and a demo user can open it.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10  # seconds: every network call has a timeout (Django's default has none)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DramaWired <noreply@localhost>")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# Failed logins are throttled by django-axes, a well-kept library (Jazzband; lockouts,
# cool-off, admin views, reverse-proxy handling), rather than counters of our own.
# Failures count against their source, never an account for everyone (a stranger could
# lock anyone out): 5 from one address against one account stop that address for that
# account, 20 against any accounts stop the address, for an hour. The public login and the
# admin's count apart. accounts/throttle.py does the counting.
AXES_FAILURE_LIMIT = 5
DRAMAWIRED_LOGIN_FAILURES_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"], "ip_address"]
AXES_HANDLER = "dramawired.accounts.throttle.SourceThrottle"
AXES_RESET_ON_SUCCESS = True
# "site:maria" or "admin:maria"; a username and its email address count as one account.
AXES_USERNAME_CALLABLE = "dramawired.accounts.throttle.account_key"
# An IPv6 /64 is one source (one subscriber's).
AXES_CLIENT_IP_CALLABLE = "dramawired.accounts.limits.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Mail a stranger can make us send, and sign-up attempts (a taken username is answered as
# such): (allowed, per seconds). Over a limit, a reset request gets the usual answer and
# no mail, whichever limit it was. accounts/limits.py counts them.
DRAMAWIRED_ACCOUNT_LIMITS = {
    "reset_per_account": (3, 3600),    # reset links mailed to one account
    "reset_per_address": (10, 3600),   # reset requests from one address
    "signup_per_address": (10, 3600),  # sign-up attempts from one address
    "signup_mail_per_email": (3, 3600),  # sign-up mails to one email address
}
# Behind nginx, REMOTE_ADDR is the reader's once ops/proxy.py has read X-Real-IP
# (DRAMAWIRED_BEHIND_PROXY=1, the production default).
DRAMAWIRED_BEHIND_PROXY = env_bool("DRAMAWIRED_BEHIND_PROXY")
# The address is REMOTE_ADDR (axes' default).
