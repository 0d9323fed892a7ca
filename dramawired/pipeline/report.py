"""What a poll tells its caller (the ingest command's table, the worker's log line) and
what it leaves on the source for editors: whether it went well, and if not, why."""

import re
from collections import Counter
from dataclasses import dataclass, field


class Progress:
    """What a caller sees of a run; the ingest command draws a progress bar from it."""

    def source_started(self, source, items: int) -> None: ...
    def item_done(self, source) -> None: ...
    def waiting(self, source) -> None:
        """Called every few seconds while an item is still being built."""


_ADDRESS = re.compile(r"\(?\b[a-z][a-z0-9+.-]*://\S+")


def error_kind(message: str) -> str:
    """An error without the address it names, so errors of one kind count together
    ("HTTP 404 from …" for every missing page)."""
    return " ".join(_ADDRESS.sub("…", message).split())


@dataclass
class SourceReport:
    source: str
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    filtered: int = 0
    failed: int = 0
    seconds: float = 0.0
    error: str = ""
    not_modified: bool = False
    held_back: int = 0  # over the per-poll cap: left for the next poll
    from_feed: int = 0  # published from the feed's own text: the page could not be had
    published: list[int] = field(default_factory=list)  # post ids, new or updated
    item_errors: Counter = field(default_factory=Counter)  # items lost, by kind
    page_errors: Counter = field(default_factory=Counter)  # pages missed, by kind

    def count(self, outcome: str) -> None:
        field_name = {"new": "new", "updated": "updated", "duplicate": "duplicates"}[outcome]
        setattr(self, field_name, getattr(self, field_name) + 1)

    def item_failed(self, message: str) -> None:
        self.failed += 1
        self.item_errors[error_kind(message)] += 1

    def page_missed(self, message: str) -> None:
        self.from_feed += 1
        self.page_errors[error_kind(message)] += 1

    @property
    def settled(self) -> int:
        """Items that reached a decision: published, revised or linked as a duplicate."""
        return self.new + self.updated + self.duplicates

    def finish(self, source, feed, response, *, dry_run: bool = False) -> None:
        """What editors see on the source: a failure when the feed was cut short or every
        item failed; else a success, with a warning saying what was lost and why."""
        ok, note = self.verdict()
        self.error = "; ".join(m for m in (feed.warning, note) if m)
        if dry_run:
            return
        if feed.truncated or not ok:
            source.record_failure(self.error)
        elif self.held_back:  # no validators kept: the next poll must read the rest
            source.record_success(warning=self.error)
        else:
            source.record_success(etag=response.headers.get("etag", ""),
                                  last_modified=response.headers.get("last-modified", ""),
                                  warning=self.error)

    def verdict(self) -> tuple[bool, str]:
        """(ok, what editors should read). A poll whose every item failed is a failure
        whatever the feed did; lost items or missed pages are a warning with the most
        common reason and its count."""
        lost = _most_common(self.item_errors)
        if self.failed and self.settled == 0:
            return False, f"all {self.failed} items failed; most common: {lost}"
        notes = []
        if self.failed:
            notes.append(f"{self.failed} items failed (most common: {lost})")
        if self.from_feed:
            notes.append(f"{self.from_feed} article pages could not be fetched, published "
                         f"from the feed (most common: {_most_common(self.page_errors)})")
        if self.held_back:
            notes.append(f"{self.held_back} items left for the next poll")
        return True, "; ".join(notes)


def _most_common(errors: Counter) -> str:
    if not errors:
        return "-"
    kind, n = errors.most_common(1)[0]
    return f"{kind} ×{n}"
