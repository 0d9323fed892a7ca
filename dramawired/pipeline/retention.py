"""Retention: posts older than the configured age are deleted, in small batches so the
site keeps serving while it runs. A post readers commented on, or an editor changed, is
kept: those are the site's own work, not just a copy of a feed."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from dramawired.news.models import Post

BATCH = 200


@dataclass
class PurgeReport:
    deleted: int = 0
    kept: int = 0  # old enough, but commented on or edited


def _keep() -> Q:
    # Comments are reached through Post's reverse relation: the comments app is a site app
    # built on the pipeline's posts, so the pipeline does not import it.
    comment = Post.comments.rel.related_model
    real_comments = comment.objects.filter(post=OuterRef("pk")).exclude(
        status=comment.Status.SPAM)
    return Q(edited=True) | Q(Exists(real_comments))


def purgeable(days: int, now=None):
    """(posts to delete, old posts kept)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Post.objects.filter(published_at__lt=cutoff)
    return old.exclude(_keep()), old.filter(_keep())


def purge_old_posts(days: int, *, now=None,
                    progress: Callable[[int, int], None] | None = None) -> PurgeReport:
    """Delete posts published more than `days` ago (none when days is 0)."""
    if days <= 0:
        return PurgeReport()
    doomed, kept = purgeable(days, now)
    report = PurgeReport(kept=kept.count())
    ids = list(doomed.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            # One by one through the ORM, so the search index and page cache follow
            # (signals); checked again here, so a comment posted meanwhile saves its post.
            for post in Post.objects.filter(pk__in=ids[start:start + BATCH]).exclude(_keep()):
                post.delete()
                report.deleted += 1
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return report
