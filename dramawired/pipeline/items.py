"""The data passed between pipeline stages. Stages take and return these; none of them
touches the database or reads settings."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FeedItem:
    """One entry as the feed described it (parse stage output)."""

    guid: str
    url: str
    title: str
    summary_html: str = ""
    content_html: str = ""  # the full story, when the feed carries it
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    image: str = ""
    tags: tuple[str, ...] = ()
    video_url: str = ""  # embeddable player address (YouTube entries)
    # False when `url` is not this item's own page but the site's (an entry with no link
    # of its own): it is shown as the source link, never fetched as the story.
    own_page: bool = True


@dataclass(frozen=True)
class Keys:
    """Cheap duplicate keys, known before any page is fetched."""

    guid_key: str
    url_key: str
    canonical_url: str
    # The address is no one story's (several items of the feed share it): it says nothing
    # about which story this is, and its page is none of theirs.
    shared_url: bool = False


@dataclass(frozen=True)
class Extracted:
    """What the extract stage found on the article page (or fell back to)."""

    title: str
    body_html: str
    author: str = ""
    published: datetime | None = None
    lead_image: str = ""
    from_page: bool = True  # False when the feed's own content was used
    sections: tuple[str, ...] = ()  # the page's own categories (article:section…)


@dataclass
class Article:
    """A story ready to publish: everything the publish stage writes."""

    item: FeedItem
    keys: Keys
    title: str
    body_html: str
    excerpt: str
    text: str
    author: str = ""
    published: datetime | None = None
    lead_image: str = ""
    category: str = ""
    category_by: str = ""  # news.models.Post.FiledBy: which rule filed it
    tags: list[str] = field(default_factory=list)
    fingerprint: int = 0
    # The page it was built from, kept with the post so it can be reprocessed offline.
    page_html: str | None = None
    page_url: str = ""
    fetched_at: datetime | None = None  # None: just now; set when a stored page is rerun
    # Why the page could not be had, when the feed's own text was published instead.
    page_error: str = ""
