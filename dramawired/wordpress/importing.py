"""The shape every import shares (a template method, as Mezzanine's blog importers): read
records, hand each to the hook for its kind in a transaction of its own, count what
became what and what was skipped and why, and let the last hook tie up loose ends. A
subclass says how to read (`records`) and what a record becomes (`handle`); the command
that runs it only parses arguments.

A record that fails is skipped with its reason and the import goes on; a source that
breaks off (ReadError) ends the reading, keeps everything read before, and is reported.
--dry-run does all of it inside one transaction that is rolled back."""

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from dramawired.news import generations
from dramawired.search import index

EXAMPLES = 3  # items named per skip reason in the summary


class ReadError(Exception):
    """The source could not be read on; what was read before stays imported."""


class Skip(Exception):  # noqa: N818 (a record skipped is no error of ours)
    """This record is not imported; the message is the reason, as the summary lists it."""


@dataclass
class Summary:
    made: Counter = field(default_factory=Counter)  # "posts", "comments", "redirects"…
    states: Counter = field(default_factory=Counter)  # "posts: publish", "comments: spam"…
    skipped: Counter = field(default_factory=Counter)  # reason -> how many
    examples: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # the source broke off, and why
    read: int = 0  # records read (0: nothing could be read)
    dry_run: bool = False

    def skip(self, reason: str, what: str = "") -> None:
        self.skipped[reason] += 1
        if what and len(shown := self.examples.setdefault(reason, [])) < EXAMPLES:
            shown.append(what)


class _Rollback(Exception):
    pass


class Importer(ABC):
    """Subclasses define records() and handle(); finish() is optional."""

    def __init__(self, *, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None):
        self.summary = Summary(dry_run=dry_run)
        self.progress = progress or (lambda done, total: None)

    @abstractmethod
    def records(self) -> Iterator:
        ...

    @abstractmethod
    def handle(self, record) -> None:
        ...

    def finish(self) -> None:  # noqa: B027 - optional: most importers have nothing to do
        """After the last record (also after a ReadError)."""

    def describe(self, record) -> str:
        """How a skipped record is named in the summary."""
        return str(record)[:120]

    def run(self) -> Summary:
        try:
            with transaction.atomic():
                self._read_all()
                if self.summary.dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        return self.summary

    def _read_all(self) -> None:
        records = self.records()
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except ReadError as exc:
                self.summary.errors.append(str(exc))
                break
            self.summary.read += 1
            self._one(record)
        with generations.coalesced(), index.coalesced():
            self.finish()

    def _one(self, record) -> None:
        try:
            # Each record alone: one that fails leaves nothing half-written. The caches and
            # the search index hear of it once, not once per row it writes.
            with transaction.atomic(), generations.coalesced(), index.coalesced():
                self.handle(record)
        except Skip as exc:
            self.summary.skip(str(exc), self.describe(record))
        except (DatabaseError, ValueError) as exc:
            self.summary.skip(f"could not be saved: {type(exc).__name__}",
                              f"{self.describe(record)}: {exc}"[:300])
