"""Atomic counter increments: one UPDATE … SET n = n + 1, never read-modify-write, so no
increment is lost however many readers arrive at once. When the number a page shows
changes ("1.2k" → "1.3k"), that article's cached page is dropped."""

from django.db.models import F

from dramawired.news.generations import bump_post_counts
from dramawired.news.models import Post

from .humanize import compact

FIELDS = {"view": "view_count", "share": "share_count"}


def increment(post_id: int, what: str) -> bool:
    """Add one to a published post's counter; False if there is no such post."""
    field = FIELDS[what]
    posts = Post.objects.published().filter(pk=post_id)
    if not posts.update(**{field: F(field) + 1}):
        return False
    row = posts.values("slug", field).first()
    if row and compact(row[field]) != compact(row[field] - 1):
        bump_post_counts(row["slug"])
    return True
