"""Per-site behaviour as data: the one place that says which hosts and which kinds of
source behave differently, read by every stage that cares. A new quirk is a row here,
not a branch in a stage."""

import re
from urllib.parse import urlsplit

# Players we embed: an iframe from one of these hosts (or a subdomain, https only) survives
# sanitising and is kept through extraction; any other iframe goes.
VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com",
               "open.spotify.com", "w.soundcloud.com", "tiktok.com", "twitch.tv")
# Where a video entry's player is embedded from (YouTube's privacy-enhanced host).
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/{video_id}"

# A video's page address -> its player's: what a WordPress embed block holds when the
# site did not render the player itself.
PLAYER_URLS = (
    (r"https://(?:www\.|m\.)?youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|live/)([\w-]{11})",
     YOUTUBE_PLAYER.format(video_id=r"\1")),
    (r"https://youtu\.be/([\w-]{11})", YOUTUBE_PLAYER.format(video_id=r"\1")),
    (r"https://(?:www\.)?vimeo\.com/(\d+)", r"https://player.vimeo.com/video/\1"),
)
_PLAYER_URLS = [(re.compile(p), player) for p, player in PLAYER_URLS]

# Blocks removed from article pages before extraction, as (host, CSS selector); an empty
# host is every host. Recommendation widgets ("Sponsored links", "You may like"), share
# bars and related-post lists that trafilatura would otherwise take for the story's end.
DROP_BLOCKS = (
    ("", ".OUTBRAIN, .ob-widget, .ob-smartfeed-wrapper"),  # Outbrain
    ("", "[id^=taboola], .trc_related_container, .trc_rbox_container"),  # Taboola
    ("", ".sharedaddy, #jp-relatedposts, .jp-relatedposts"),  # WordPress Jetpack
    ("", ".yarpp-related, .crp_related"),  # WordPress related-posts plugins
)

# How a page announces links to its other stories, inside or under the story ("Read more:
# <a>…</a>", a "Related" heading over a list of links), in the languages of the sites we
# read most. A block that opens with one of these and is a heading or a link is no part of
# the story (extract.py, _drop_teasers).
TEASER_MARKERS = (
    # English
    "read more", "read also", "also read", "read next", "related", "see also", "more on this",
    "more stories", "you may also like", "you might also like", "recommended", "don't miss",
    "don’t miss", "most read", "most popular", "trending",
    # German
    "lesen sie auch", "lesen sie mehr", "auch lesen", "auch interessant", "schon gelesen",
    "das könnte sie auch interessieren", "das könnte dich auch interessieren", "mehr zum thema",
    "mehr themen", "weitere themen", "weitere artikel", "zum weiterlesen", "passend zum thema",
    "meistgelesen", "verwandte artikel", "ähnliche artikel", "ähnliche themen",
    # Spanish, Portuguese, French, Italian
    "lea también", "lee también", "vea también", "ver también", "le puede interesar",
    "te puede interesar", "también te puede interesar", "notas relacionadas",
    "noticias relacionadas", "lo más leído", "leia também", "veja também", "lire aussi",
    "à lire aussi", "a lire aussi", "voir aussi", "sur le même sujet", "leggi anche",
    "potrebbe interessarti", "articoli correlati",
    # Polish, Dutch
    "czytaj także", "czytaj też", "zobacz także", "zobacz też", "przeczytaj także",
    "przeczytaj też", "lees ook", "lees meer",
)

# How page chrome that trafilatura leaves at the end of a story opens: calls to follow,
# subscribe or comment, picture credits, tags. A short block at the story's end opening
# with one of these goes (extract.py, _drop_trailing_chrome). Not copyright lines: a
# wire story's "© Associated Press. All rights reserved." notice is part of what it is.
TRAILING_CHROME = (
    "follow us", "subscribe", "sign up", "we want to hear", "if you’re seeing this",
    "this article is the copyrighted", "written permission", "to view the full story",
    "photo:", "photos:", "image:", "credit:", "tags:", "category:",
    "folgen sie uns", "folge uns", "abonnieren", "unterstütze", "titelbild", "beitragsbild",
    "bildquelle", "foto:", "fotos:", "schlagworte", "kategorie:",
    "síguenos", "siguenos", "suscríbete", "hazte miembro", "crédits photos",
    "pour lire la suite", "pour accéder",
)
# Words that open story sentences too ("Comments from residents …"): chrome only as a
# label, a block this short (extract.py, MAX_LABEL_CHARS).
TRAILING_LABELS = (
    "comments", "no comments", "leave a comment", "share on", "share this", "newsletter",
    "follow the", "download the", "last modified", "updated:",
    "kommentar", "kommentare", "keine kommentare", "teilen", "aktualisiert am",
    "zuletzt aktualisiert",
)

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


def player_url(url: str) -> str:
    """The embeddable player for a video address ("" when it is none we embed)."""
    for pattern, player in _PLAYER_URLS:
        if m := pattern.match(url):
            return m.expand(player)
    return url if is_video_embed(url) else ""


def drop_selectors(url: str) -> list[str]:
    """The built-in blocks to drop from a page at `url`."""
    return [sel for host, sel in DROP_BLOCKS if not host or on_host(url, (host,))]


def is_self_post_host(url: str) -> bool:
    return on_host(url, SELF_POST_HOSTS)


def never_fetch(url: str) -> bool:
    return on_host(url, NEVER_FETCH_HOSTS)


def is_aggregator(kind: str) -> bool:
    return kind in AGGREGATOR_KINDS


def has_distinct_ids(kind: str) -> bool:
    return kind in DISTINCT_ID_KINDS
