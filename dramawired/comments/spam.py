"""Spam defences that need no outside service: a signed render time (bots post at once,
or replay an old form), a per-address rate limit, and rules on the number of links.
The honeypot field is checked in the view: a filled one is dropped without a word."""

import time
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache

from .models import Comment
from .text import count_links

HONEYPOT = "contact"  # a field people never see (hidden by the stylesheet), bots fill in
SALT = "dramawired.comments.form"
# A person reads and types for a few seconds; a form older than a day is a replay. The
# article page and its guest form are kept (generations.TTL): a form can be that much older.
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
# 5 comments per 10 minutes from one address: more than a lively reader writes.
RATE_LIMIT, RATE_WINDOW = 5, 600
# More links than a conversation needs: held for a person to look at; far more: spam.
HOLD_LINKS, SPAM_LINKS = 2, 5


def sign_timestamp(post_id: int) -> str:
    return signing.dumps([post_id, int(time.time())], salt=SALT)


def timestamp_error(token: str, post_id: int) -> str | None:
    """Why this form's signed render time is refused, or None."""
    try:
        signed_post, rendered = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return "The form was damaged on its way. Please send your comment again."
    # Whole seconds, as the render time is signed: a fraction of the current second would
    # make "2 seconds ago" read as 3 now and then.
    age = int(time.time()) - rendered
    if signed_post != post_id or age > MAX_SECONDS:
        return "This form has expired. Please send your comment again."
    if age < MIN_SECONDS:
        return "That was quick! Please take a moment, then send your comment again."
    return None


def client_ip(request) -> str:
    # REMOTE_ADDR only: a proxy in front must set it (nginx real_ip, gunicorn
    # --forwarded-allow-ips), since any client can write X-Forwarded-For.
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def _rate_key(ip: str) -> str:
    return f"comments:rate:{ip}"


def rate_limited(ip: str) -> bool:
    return (cache.get(_rate_key(ip)) or 0) >= RATE_LIMIT


def count_comment(ip: str) -> None:
    """One more comment from `ip` in the current window (which starts with its first)."""
    key = _rate_key(ip)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, RATE_WINDOW)


def same_origin(request) -> bool:
    """The POST came from a page of this site (Origin, or Referer when a browser sends
    no Origin)."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(source) and urlsplit(source).netloc == request.get_host()


def initial_status(*, body: str, email: str, user) -> str:
    """Approved at once for readers we know; held for moderation otherwise."""
    links = count_links(body)
    if links > SPAM_LINKS:
        return Comment.Status.SPAM
    if links > HOLD_LINKS:
        return Comment.Status.PENDING
    if user is not None and user.is_staff:
        return Comment.Status.APPROVED
    if Comment.objects.known(email=email, user=user):
        return Comment.Status.APPROVED
    return Comment.Status.PENDING
