"""A WordPress post as one of our posts: status, exact title, slug, date, excerpt,
author, category, tags, body, lead image, source link and counters. Found again by its
WordPress id (ImportedItem), so a second run updates it; a post an editor has changed
since stays as the editor left it."""

import hashlib
from urllib.parse import unquote

from django.utils import timezone

from dramawired.news.models import Post, unique_slug
from dramawired.pipeline.article import excerpt, lead_image, plain
from dramawired.pipeline.dedupe import canonical_url

from . import autoblog, counters
from .body import to_html
from .importing import Skip
from .models import ImportedItem
from .wxr import Item

# WordPress statuses -> ours. A scheduled ("future") post is published with its future
# date: Post.objects.published() shows it from that moment. We have no "private" or
# "pending review": those wait as drafts (ImportedItem keeps the old status).
STATUSES = {"publish": Post.Status.PUBLISHED, "future": Post.Status.PUBLISHED,
            "draft": Post.Status.DRAFT, "pending": Post.Status.DRAFT,
            "private": Post.Status.DRAFT}
THUMBNAIL_META = "_thumbnail_id"


def url_key(url: str) -> str:
    """As the pipeline keys a story's address (dedupe.py), so a feed that brings the
    imported story again finds it already published."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()


def _title(item: Item, text: str) -> str:
    if item.title:
        return item.title[:500]
    words = text.split()[:10]
    return " ".join(words) + ("…" if len(words) == 10 else "") if words else "(no title)"


class PostWriter:
    def __init__(self, run):
        self.run = run  # the WordPressImport: its site, terms, authors, media, sources…

    def save(self, item: Item) -> Post:
        status = STATUSES.get(item.status)
        if status is None:
            raise Skip(f"post status {item.status!r}")
        if item.password and status == Post.Status.PUBLISHED:
            # We have no password-protected posts: such a post waits as a draft.
            status = Post.Status.DRAFT
            self.run.summary.states["posts: password-protected, held as draft"] += 1
        record = ImportedItem.objects.filter(site=self.run.site_key, wp_id=item.wp_id).first()
        post = record.post if record else None
        if post is not None and post.edited:
            self.run.summary.skip("post changed by an editor since it was imported (kept)",
                                  item.title)
            return post
        fields = self._fields(item, status)
        if post is None:
            post = self._create(item, fields)
        else:
            for name, value in fields.items():
                if name in ("view_count", "share_count"):  # counted here since: kept
                    value = max(value, getattr(post, name))
                setattr(post, name, value)
            post.save()
        post.tags.set(self.run.terms.tags(item.terms))
        ImportedItem.objects.update_or_create(
            site=self.run.site_key, wp_id=item.wp_id,
            defaults={"post_type": item.post_type, "wp_status": item.status, "post": post,
                      "sticky": item.sticky, "link": item.link[:2000]})
        self.run.summary.made["posts"] += 1
        self.run.summary.states[f"posts: {item.status}"] += 1
        self.run.summary.made["sticky"] += item.sticky
        return post

    def _create(self, item: Item, fields: dict) -> Post:
        wanted = unquote(item.slug) or fields["title"]
        key = fields.pop("url_key")
        if Post.objects.filter(url_key=key).exists():  # the story is ours already
            key = hashlib.sha256(f"{key}\nwordpress\n{self.run.site_key}\n{item.wp_id}"
                                 .encode()).hexdigest()
        return Post.objects.create(slug=unique_slug(Post, wanted, max_length=200),
                                   url_key=key, **fields)

    def _fields(self, item: Item, status: str) -> dict:
        run, now = self.run, timezone.now()
        base = item.link or run.site_link
        body = to_html(item.content, base, post_id=item.wp_id, gallery=run.gallery)
        body, credit = autoblog.split_credit(body)
        source_link = autoblog.meta_permalink(item.meta) or credit
        lead = run.attachment_url(item.meta.get(THUMBNAIL_META, ""))
        body, lead = lead_image(body, lead)
        body = run.media.rewrite(body)
        text = plain(body)
        category, chosen = run.terms.for_item(item.terms, item.meta)
        original = source_link or item.link or item.guid
        published = item.date or now
        return {
            "title": _title(item, text),
            "excerpt": excerpt(plain(item.excerpt)) if item.excerpt.strip() else excerpt(text),
            "body": body,
            "lead_image": run.media.local(lead)[:2000],
            "original_url": original[:2000],
            "url_key": url_key(original or f"wordpress:{run.site_key}:{item.wp_id}"),
            "guid": item.guid[:2000],
            "source": run.sources.for_url(source_link) if source_link else None,
            "author": run.author_for(item.creator),
            "category": category,
            # Filed by the old site's editors; Uncategorized is left for --retag to file.
            "category_by": Post.FiledBy.EDITOR if chosen else Post.FiledBy.NONE,
            "status": status,
            "published_at": published,
            "created_at": min(published, now),
            "fetched_at": now,
            "view_count": counters.views(item.meta),
            "share_count": counters.shares(item.meta),
        }
