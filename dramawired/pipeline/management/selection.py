"""What the commands that rework stored posts (reprocess, retag) share: choosing the posts
(--source, --since) and a progress bar while they run."""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, time

from django.core.management.base import CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from dramawired.sources.models import Source


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--since wants a date like 2026-11-01, not {text!r}") from exc
    if value.tzinfo is None:
        value = timezone.make_aware(value if text.count(":") else
                                    datetime.combine(value.date(), time.min))
    return value


def add_selection_arguments(parser) -> None:
    parser.add_argument("--source", metavar="NAME", help="Only this source's posts.")
    parser.add_argument("--since", metavar="DATE", type=_date,
                        help="Only posts published on or after this date (2026-11-01).")


def selected_source(name: str | None) -> Source | None:
    if not name:
        return None
    if (found := Source.objects.filter(name=name).first()) is None:
        raise CommandError(f"no source named {name} (see `dramawired sources list`)")
    return found


@contextmanager
def progress_bar(label: str, stdout) -> Callable[[int, int], None]:
    """A bar on the command's output; yields the progress(done, total) callback."""
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, console=Console(file=stdout._out), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
