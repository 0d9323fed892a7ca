"""What we poll, and how each source is doing."""

import random
from datetime import timedelta

from cssselect import SelectorError
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from lxml.cssselect import CSSSelector
from lxml.etree import XPathError

# Backoff after failures: poll interval doubled per failure, capped at a day, so a feed that
# is down for a weekend is not hammered yet comes back within a day of being fixed.
MAX_BACKOFF = timedelta(hours=24)
# Each next poll comes up to this share of the interval early, so sources added together
# (an OPML import) drift apart instead of hitting the queue in the same minute forever.
JITTER = 0.1


def jittered(delay: timedelta) -> timedelta:
    return delay * (1 - random.random() * JITTER)


def guess_kind(feed_url: str) -> str:
    """YouTube and Reddit feeds are known by their addresses."""
    if "youtube.com/feeds/" in feed_url:
        return Source.Kind.YOUTUBE
    if "reddit.com/" in feed_url:
        return Source.Kind.REDDIT
    return Source.Kind.FEED


def split_keywords(text: str) -> list[str]:
    """Keywords are typed one per line or comma-separated; blanks are ignored."""
    return [k.strip() for k in text.replace("\n", ",").split(",") if k.strip()]


def selector_lines(text: str) -> list[str]:
    """CSS selectors are typed one per line (a line may be a group: "a, b")."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_css_selectors(value: str) -> None:
    """Each line is a CSS selector lxml can run: a bad one is the editor's form error, never
    an error at ingest."""
    for selector in selector_lines(value):
        try:
            CSSSelector(selector, translator="html")
        except (SelectorError, XPathError) as exc:
            raise ValidationError(f"“{selector}” is not a CSS selector we can use: {exc}",
                                  code="invalid_selector") from exc


class Source(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", "Feed (RSS, Atom, JSON Feed)"
        YOUTUBE = "youtube", "YouTube channel"
        REDDIT = "reddit", "Reddit"

    class PublishAs(models.TextChoices):
        PUBLISHED = "published", "Publish at once"
        DRAFT = "draft", "Hold as draft"

    name = models.CharField(max_length=200, unique=True)
    site_url = models.URLField("site URL", max_length=1000, blank=True)
    feed_url = models.URLField("feed URL", max_length=1000, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FEED)
    default_category = models.ForeignKey(
        "news.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        "news.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Persona posts are published under; empty uses the article's byline.",
    )
    poll_interval = models.PositiveIntegerField("poll interval (minutes)", default=30)
    include_keywords = models.TextField(
        blank=True, help_text="Only items mentioning one of these (comma or line separated)."
    )
    exclude_keywords = models.TextField(
        blank=True, help_text="Drop items mentioning any of these."
    )
    category_rules = models.TextField(
        blank=True,
        help_text="One rule per line: keyword => Category. The first keyword found wins.",
    )
    full_text = models.BooleanField(
        default=True, help_text="Fetch each article page and extract the full story."
    )
    publish_as = models.CharField(
        max_length=20, choices=PublishAs.choices, default=PublishAs.PUBLISHED
    )
    # Extraction rules for this source's article pages (on top of the built-in ones).
    story_selector = models.CharField(
        max_length=500, blank=True, validators=[validate_css_selectors],
        help_text="CSS selector of the story's container, e.g. <code>article .entry-content"
                  "</code>. When it matches, only that part of the page is read; when it "
                  "does not, the whole page is.",
    )
    drop_selectors = models.TextField(
        blank=True, validators=[validate_css_selectors],
        help_text="CSS selectors of blocks to remove before the story is read, one per line, "
                  "e.g. <code>.newsletter-signup</code> or <code>#related-stories</code>. "
                  "Preview with <code>dramawired extract URL --source NAME</code>.",
    )
    enabled = models.BooleanField(default=True)

    # Conditional GET: what the server said last time, sent back to get a cheap 304.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    # Health
    last_success = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_attempt = models.DateTimeField(null=True, blank=True)

    # Who is polling it now (pipeline/schedule.py): a token and when that claim lapses, so a
    # worker killed mid-poll holds the source only until its claim runs out.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # Written by polls while an editor may have the form open: a full save (the admin's)
    # leaves them as the database has them, or it would undo a claim or a result mid-poll.
    POLL_FIELDS = frozenset({"etag", "last_modified", "last_success", "last_error",
                             "last_error_at", "consecutive_failures", "next_attempt",
                             "claim", "claimed_until"})

    def save(self, *args, **kwargs):
        if self.pk and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name not in self.POLL_FIELDS]
        super().save(*args, **kwargs)

    @property
    def include_list(self) -> list[str]:
        return split_keywords(self.include_keywords)

    @property
    def exclude_list(self) -> list[str]:
        return split_keywords(self.exclude_keywords)

    @property
    def drop_selector_list(self) -> list[str]:
        return selector_lines(self.drop_selectors)

    @property
    def category_rule_list(self) -> list[tuple[str, str]]:
        rules = []
        for line in self.category_rules.splitlines():
            keyword, sep, category = line.partition("=>")
            if sep and keyword.strip() and category.strip():
                rules.append((keyword.strip(), category.strip()))
        return rules

    def is_due(self, now=None) -> bool:
        now = now or timezone.now()
        return self.enabled and (self.next_attempt is None or self.next_attempt <= now)

    def record_success(self, *, etag: str = "", last_modified: str = "", warning: str = "",
                       now=None) -> None:
        """A good poll. A warning (a feed with a stray bad entity, say) is kept for editors
        to see but does not count as a failure."""
        now = now or timezone.now()
        self.last_success = now
        self.consecutive_failures = 0
        self.next_attempt = now + jittered(timedelta(minutes=self.poll_interval))
        self.etag, self.last_modified = etag, last_modified
        fields = ["last_success", "consecutive_failures", "next_attempt", "etag",
                  "last_modified"]
        if warning:
            self.last_error, self.last_error_at = f"warning: {warning}"[:2000], now
            fields += ["last_error", "last_error_at"]
        self.save(update_fields=fields)

    def record_failure(self, error: str, *, retry_after: float | None = None, now=None) -> None:
        """Keep the error for editors and push the next attempt back exponentially
        (or to the server's Retry-After, when it gave one)."""
        now = now or timezone.now()
        self.consecutive_failures += 1
        self.last_error = error[:2000]
        self.last_error_at = now
        if retry_after is not None:
            delay = timedelta(seconds=retry_after)
        else:
            # The exponent stops at 16 (65536 intervals, far past the cap): uncapped, a
            # timedelta overflows after ~37 failures and the error would stop the whole run.
            doublings = min(self.consecutive_failures - 1, 16)
            delay = jittered(timedelta(minutes=self.poll_interval) * 2**doublings)
        self.next_attempt = now + min(delay, MAX_BACKOFF)
        self.save(update_fields=[
            "consecutive_failures", "last_error", "last_error_at", "next_attempt",
        ])

    def reset_backoff(self) -> None:
        self.consecutive_failures = 0
        self.next_attempt = None
        self.save(update_fields=["consecutive_failures", "next_attempt"])
