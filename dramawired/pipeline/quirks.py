"""Per-site behaviour as data: the one place that says which hosts and which kinds of
source behave differently, read by every stage that cares. A new quirk is a row here,
not a branch in a stage."""

from urllib.parse import urlsplit

# Players we embed: an iframe from one of these hosts (or a subdomain, https only) survives
# sanitising and is kept through extraction; any other iframe goes.
VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com",
               "open.spotify.com", "w.soundcloud.com", "tiktok.com", "twitch.tv")
# Where a video entry's player is embedded from (YouTube's privacy-enhanced host).
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/{video_id}"

# Forums whose entries wrap a post in a "submitted by … [link] [comments]" table: a self
# post's text is its whole story (its page is never fetched); a link post is the story it
# links to.
SELF_POST_HOSTS = ("reddit.com",)
# Article pages never fetched whatever the source says (they answer every bot with a
# challenge): the feed's text is the story.
NEVER_FETCH_HOSTS: tuple[str, ...] = ()

# Kinds of source (Source.kind) whose items point at other publishers' stories: when the
# publisher's own feed brings the same story, the publisher's item takes the post over.
AGGREGATOR_KINDS = ("reddit",)
# Kinds whose item ids name distinct videos or posts: content dedupe never takes two items
# of one such source for copies, however alike their descriptions.
DISTINCT_ID_KINDS = ("youtube", "reddit")


def on_host(url: str, hosts: tuple[str, ...]) -> bool:
    """`url` is on one of `hosts` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def is_video_embed(url: str) -> bool:
    return url.startswith("https://") and on_host(url, VIDEO_HOSTS)


def is_self_post_host(url: str) -> bool:
    return on_host(url, SELF_POST_HOSTS)


def never_fetch(url: str) -> bool:
    return on_host(url, NEVER_FETCH_HOSTS)


def is_aggregator(kind: str) -> bool:
    return kind in AGGREGATOR_KINDS


def has_distinct_ids(kind: str) -> bool:
    return kind in DISTINCT_ID_KINDS
