"""What the pipeline keeps beside posts: the page each post came from, and the long jobs
editors start (re-extracting, purging) with how far they have got."""

import zlib
from dataclasses import asdict, fields
from datetime import datetime

from django.db import models
from django.utils import timezone

from .items import FeedItem


class FetchedPage(models.Model):
    """The original page (and feed entry) a post was built from, so a changed pipeline can
    run it again (`dramawired reprocess`) without fetching it again. Stored compressed:
    a 60 KB page is ~12 KB."""

    post = models.OneToOneField("news.Post", on_delete=models.CASCADE,
                                related_name="fetched_page")
    url = models.URLField(max_length=2000, help_text="Where the page was fetched from.")
    html_z = models.BinaryField(blank=True, help_text="zlib; empty when no page was fetched.")
    item = models.JSONField(help_text="The feed entry, as the parse stage gave it.")
    fetched_at = models.DateTimeField(default=timezone.now)
    # Set when the page could not be had and the post was published from its feed: the
    # retry job (retry.py) tries the page again at next_attempt, upgrading the post.
    page_error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["next_attempt"], name="fetchedpage_retry_due",
                                condition=models.Q(next_attempt__isnull=False))]

    def __str__(self) -> str:
        return self.url

    @property
    def html(self) -> str | None:
        return zlib.decompress(self.html_z).decode() if self.html_z else None

    @staticmethod
    def pack(html: str | None) -> bytes:
        return zlib.compress(html.encode(), 6) if html else b""

    @staticmethod
    def item_to_json(item: FeedItem) -> dict:
        data = asdict(item)
        for key in ("published", "updated"):
            data[key] = data[key].isoformat() if data[key] else None
        data["tags"] = list(item.tags)
        return data

    def feed_item(self) -> FeedItem:
        known = {f.name for f in fields(FeedItem)}
        data = {k: v for k, v in self.item.items() if k in known}
        for key in ("published", "updated"):
            data[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
        data["tags"] = tuple(data.get("tags") or ())
        return FeedItem(**data)


class JobRun(models.Model):
    """One long job and its progress, written as it goes so the admin can show it."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    def start(self, total: int) -> None:
        self.state, self.total, self.started = self.State.RUNNING, total, timezone.now()
        self.save(update_fields=["state", "total", "started"])

    def finish(self, message: str = "", *, failed: bool = False) -> None:
        self.state = self.State.FAILED if failed else self.State.DONE
        if not failed:
            self.done = self.total
        self.message, self.finished = message[:2000], timezone.now()
        self.save(update_fields=["state", "message", "finished", "done"])


class TrainedClassifier(models.Model):
    """The content classifier that files stories by what they are about (classify.py),
    as plain numbers (vocabulary, idf, coefficients; classes by category id): every web
    and worker process loads the newest row, and none is ever unpickled."""

    trained_at = models.DateTimeField(default=timezone.now)
    weights = models.JSONField(help_text="classify.Classifier.to_json()")
    # Of the examples it learnt from: a retrain with nothing new to learn stores nothing.
    digest = models.CharField(max_length=64)
    summary = models.TextField(blank=True, help_text="Examples per category.")

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"classifier of {self.trained_at:%Y-%m-%d %H:%M}"
