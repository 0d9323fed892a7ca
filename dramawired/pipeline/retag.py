"""File and tag stored posts again (categorize → tag → the site's vocabulary) from their
stored title and body, after the tagger, the classifier or the vocabulary changed.
Nothing is fetched or extracted again (`dramawired reprocess` does that).

Editors' hand changes stay: a post an editor edited keeps its tags, and a post whose
category an editor set or confirmed keeps its category."""

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from dramawired.news.models import Category, Post, Tag

from .article import file_story, plain, tag_story
from .models import FetchedPage
from .policy import plan_for
from .publish import category_for
from .tag import pick_tags
from .vocabulary import SPARES, choose, made

log = logging.getLogger("dramawired.pipeline")
CHUNK = 200


@dataclass
class RetagReport:
    seen: int = 0
    changed: int = 0
    tags_kept: int = 0  # edited by an editor
    category_kept: int = 0  # filed or confirmed by an editor
    added: Counter = field(default_factory=Counter)  # tag name -> posts that gained it
    removed: Counter = field(default_factory=Counter)
    moved: Counter = field(default_factory=Counter)  # "Uncategorized → Movie" -> posts


def posts_to_retag(source=None, since: datetime | None = None, within=None):
    """`within`: only these posts (a queryset), e.g. the ones a WordPress import made."""
    posts = (Post.objects if within is None else within).select_related(
        "source", "category").prefetch_related("tags")
    if source is not None:
        posts = posts.filter(source=source)
    if since is not None:
        posts = posts.filter(published_at__gte=since)
    return posts.order_by("pk")


def retag(source=None, since: datetime | None = None, *, within=None, dry_run: bool = False,
          progress: Callable[[int, int], None] | None = None) -> RetagReport:
    posts = posts_to_retag(source, since, within)
    total = posts.count()
    known = tuple(Category.objects.values_list("name", flat=True))
    plans: dict = {}
    report = RetagReport()
    for start in range(0, total, CHUNK):
        chunk = list(posts[start:start + CHUNK])
        feed_tags = dict(FetchedPage.objects.filter(post__in=chunk)
                         .values_list("post_id", "item__tags"))
        for post in chunk:
            if post.source_id not in plans:
                plans[post.source_id] = plan_for(post.source, known=known)
            _retag_post(post, plans[post.source_id], tuple(feed_tags.get(post.pk) or ()),
                        report, dry_run)
            report.seen += 1
            if progress:
                progress(report.seen, total)
    return report


def _retag_post(post: Post, plan, feed_tags: tuple[str, ...], report: RetagReport,
                dry_run: bool) -> None:
    """As build_article files and tags a story (run.py), from what the post stores."""
    text = plain(post.body)
    changed = False
    if post.category_by == Post.FiledBy.EDITOR:
        report.category_kept += 1
    else:
        name, filed_by = file_story(plan, post.title, text, feed_tags)
        category = category_for(name)
        old = post.category.name if post.category else "-"
        if category.pk != post.category_id or filed_by != post.category_by:
            changed = True
            if category.pk != post.category_id:
                report.moved[f"{old} → {category.name}"] += 1
            if not dry_run:
                post.category, post.category_by = category, filed_by
                post.save(update_fields=["category", "category_by"])
    if post.edited:
        report.tags_kept += 1
    else:
        changed |= _new_tags(post, plan, text, feed_tags, report, dry_run)
    report.changed += changed


def _new_tags(post: Post, plan, text: str, feed_tags: tuple[str, ...],
              report: RetagReport, dry_run: bool) -> bool:
    names = tag_story(plan, post.title, text, feed_tags)
    chosen = choose(names, more=lambda: pick_tags(post.title, text, spares=SPARES))
    before = {t.slug: t.name for t in post.tags.all()}
    after = {(c.slug if isinstance(c, Tag) else Tag.slug_for(c)): str(c) for c in chosen}
    if before.keys() == after.keys():
        return False
    report.added.update(after[s] for s in after.keys() - before.keys())
    report.removed.update(before[s] for s in before.keys() - after.keys())
    if not dry_run:
        with transaction.atomic():
            post.tags.set(made(chosen))
    return True
