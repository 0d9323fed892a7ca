"""The production secret key must be a real one: sessions, password-reset links and the
comment form's signed time are all signed with it, so a key copied from our documentation
or guessable by its shape lets anyone forge them."""

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

# Every key our files show as an example (deploy/dramawired.env.example, base.py's
# development default). ops/tests/test_secretkey.py finds the documented ones and checks
# that each is refused, here or by the rules below.
EXAMPLES = frozenset({"change-me-to-50-random-characters"})
DEVELOPMENT = "dev-only"  # base.py's default, when DRAMAWIRED_SECRET_KEY is not set
HOW = 'make one with: python3 -c "import secrets; print(secrets.token_urlsafe(50))"'


def weakness(key: str) -> str | None:
    """Why `key` is no production secret (Django's check_secret_key rules, and our
    examples), or None."""
    if not key or key.startswith(DEVELOPMENT):
        return "is not set (the development default is in use)"
    if key in EXAMPLES:
        return "is the example from the documentation"
    if key.startswith(SECRET_KEY_INSECURE_PREFIX):
        return f"starts with {SECRET_KEY_INSECURE_PREFIX!r} (made by startproject)"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"has {len(key)} characters; at least {SECRET_KEY_MIN_LENGTH} are needed"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return (f"has {len(set(key))} different characters; at least "
                f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} are needed")
    return None


def require_strong_secret_key(key: str) -> None:
    if problem := weakness(key):
        raise ImproperlyConfigured(f"DRAMAWIRED_SECRET_KEY {problem}: {HOW}")
