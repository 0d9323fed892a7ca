"""An imported post's comments, threaded as they were, each with its author, email,
website, date and state. WordPress's states map onto ours; we have no trash, so a trashed
comment is held as spam (hidden) and ImportedComment remembers it was trash."""

import html
import ipaddress
import re

from django.utils import timezone

from dramawired.comments.models import MAX_BODY, Comment
from dramawired.news.models import Post
from dramawired.pipeline.parse import is_web_url
from dramawired.pipeline.text import strip_tags

from .models import ImportedComment
from .wxr import Comment as WxrComment

STATES = {"1": Comment.Status.APPROVED, "approve": Comment.Status.APPROVED,
          "0": Comment.Status.PENDING, "hold": Comment.Status.PENDING,
          "spam": Comment.Status.SPAM, "trash": Comment.Status.SPAM}
STATE_NAMES = {"1": "approved", "approve": "approved", "0": "pending", "hold": "pending",
               "spam": "spam", "trash": "trash"}
NOT_COMMENTS = {"pingback", "trackback", "pings"}
_BREAKS = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.I)


def _text(content: str) -> str:
    """A comment as plain text, as our comments are typed: markup dropped (paragraphs
    and breaks kept as newlines), entities decoded once."""
    text = html.unescape(strip_tags(_BREAKS.sub("\n\n", content), ""))
    return text.strip()[:MAX_BODY]


def _ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def save_comments(run, post: Post, comments: list[WxrComment]) -> None:
    saved: dict[int, Comment] = {}
    pending = sorted(comments, key=lambda c: c.wp_id)
    while pending:  # parents first, whatever order the file gives
        waiting, ids = [], {c.wp_id for c in pending}
        for wc in pending:
            if wc.parent and wc.parent not in saved and wc.parent in ids:
                waiting.append(wc)
                continue
            if (comment := _save(run, post, wc, saved.get(wc.parent))) is not None:
                saved[wc.wp_id] = comment
        if len(waiting) == len(pending):  # a loop of parents: saved without them
            for wc in waiting:
                if (comment := _save(run, post, wc, None)) is not None:
                    saved[wc.wp_id] = comment
            break
        pending = waiting


def _save(run, post: Post, wc: WxrComment, parent: Comment | None) -> Comment | None:
    if wc.type in NOT_COMMENTS:
        run.summary.skip(f"comment type {wc.type!r}", f"{wc.wp_id} on {post.title[:60]}")
        return None
    if (status := STATES.get(wc.approved)) is None:
        run.summary.skip(f"comment state {wc.approved!r}", str(wc.wp_id))
        return None
    fields = {"post": post, "parent": parent, "name": (wc.author or "Anonymous")[:100],
              "email": wc.email[:254],
              "website": wc.url if is_web_url(wc.url) and len(wc.url) <= 200 else "",
              "body": _text(wc.content), "status": status,
              "created_at": wc.date or post.published_at or timezone.now(),
              "ip_address": _ip(wc.ip)}
    record = ImportedComment.objects.filter(site=run.site_key, wp_id=wc.wp_id) \
        .select_related("comment").first()
    comment = record.comment if record and record.comment else None
    if comment is None:
        comment = Comment(**fields)
    else:
        for name, value in fields.items():
            setattr(comment, name, value)
    comment.save()
    ImportedComment.objects.update_or_create(
        site=run.site_key, wp_id=wc.wp_id,
        defaults={"wp_state": wc.approved[:10], "comment": comment})
    run.summary.made["comments"] += 1
    run.summary.states[f"comments: {STATE_NAMES[wc.approved]}"] += 1
    return comment
