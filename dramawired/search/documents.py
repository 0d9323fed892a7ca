"""What a post contributes to the search index."""

import html
import re
from dataclasses import dataclass
from datetime import datetime

TAG = re.compile(r"<[^>]+>")
MAX_BODY = 100_000  # characters: PostgreSQL refuses tsvectors over 1 MB


@dataclass(frozen=True)
class Document:
    title: str
    body: str
    tags: str
    author: str
    published_at: datetime | None = None


def plain_text(body_html: str) -> str:
    """The story's words. Bodies are sanitised HTML (pipeline/sanitize.py), so a regular
    expression strips them safely, and far faster than an HTML parser over 100,000 posts."""
    return " ".join(html.unescape(TAG.sub(" ", body_html)).split())[:MAX_BODY]


def document(title: str, excerpt: str, body: str, tags: list[str], author: str | None,
             published_at: datetime | None = None) -> Document:
    return Document(
        title=title,
        # The excerpt too: the old search looked there, and some feeds give little else.
        body=plain_text(f"{excerpt} {body}"),
        tags=" ".join(tags),
        author=author or "",
        published_at=published_at,
    )
