"""Golden pairs: every feed in testdata/feeds parsed, and every page in testdata/pages
extracted and sanitized, compared with the output kept beside it, so a change to the parser
or the extractor shows as a diff in git.

    DRAMAWIRED_REGOLD=1 pytest dramawired/pipeline/tests/test_golden.py

rewrites the expected files from what the code gives now; read `git diff` before
committing them. The asserts on each page (what the story keeps, what chrome stays out)
hold in either mode, so a regression cannot be regolded in unnoticed."""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from dramawired.pipeline.extract import extract_article
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.parse import parse_feed
from dramawired.pipeline.sanitize import sanitize_html

TESTDATA = Path(__file__).parent.parent / "testdata"
REGOLD = os.environ.get("DRAMAWIRED_REGOLD") == "1"

# Feed file: the address it was fetched from (links resolve against xml:base, then the
# channel's <link>, then this) and the Content-Type it was served with. A JSON Feed is
# NAME.feed.json, so that its expected output can be NAME.json like every other.
FEEDS = {
    "marquee-rss.xml": ("https://marqueedaily.example/feed/",
                        "application/rss+xml; charset=UTF-8"),
    "stagedoor-atom.xml": ("https://stagedoor.example/news/atom.xml", "application/atom+xml"),
    "reeltalk.feed.json": ("https://reeltalk.example/feed.json", "application/feed+json"),
    "youtube-channel.xml": (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCq8dR0wS4u7yPn3lB6kX2eA",
        "text/xml; charset=UTF-8"),
    "reddit-subreddit.xml": ("https://www.reddit.com/r/televisiongossip/.rss",
                             "application/atom+xml; charset=UTF-8"),
    # Served as text/xml without a charset, as many old servers do: the XML declaration's
    # windows-1252 is what decodes the curly quotes, € and …
    "gossip-cp1252.xml": ("http://gossipcorner.example/rss.xml", "text/xml"),
}
# Feeds in the folder that test_parse_links.py reads for one point each; not golden pairs.
NOT_GOLDEN = {"reddit-self-post.xml", "youtube-description.xml"}


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    author: str
    published: str  # ISO, as the page gives it (its own offset)
    lead_image: str  # as the page's og:image gives it
    keeps: tuple[str, ...]  # in the story, character for character
    drops: tuple[str, ...]  # the page's chrome, never in the story


PAGES = {
    "wordpress-comments": Page(
        url="https://backstage.example/2026/11/nova-reyes-gilded-foxes-lisbon/",
        title="Nova Reyes & The Gilded Foxes Share the Stage in Lisbon",
        author="Tomás Ribeiro", published="2026-11-12T21:40:00+00:00",
        lead_image="/wp-content/uploads/2026/11/lisbon-stage.jpg",  # article.py makes it absolute
        keeps=("€45 to €180 ($48 to $195)", "“Obrigado, Lisboa!”",
               'src="https://www.youtube.com/embed/aB3dE5fG7hI"'),
        # Reader comments stay out (trafilatura keeps them unless told not to).
        drops=("Best night of my life", "tracker.example", "ADVERTISEMENT", "74 SHARES",
               "Leave a Reply", "You might also like", "Previous Post", "Recent News",
               "content aggregator")),
    "tabloid-related-box": Page(
        url="https://www.spotlight.example/showbiz/article-7731904/"
            "ivy-calloway-marcus-bell-marry-lake-como.html",
        title="Ivy Calloway and Marcus Bell marry in secret Lake Como ceremony",
        author="Rosie Hartnell", published="2026-11-21T09:12:00+00:00",
        lead_image="https://i.spotlight.example/2026/11/21/09/calloway-bell-como-1200x630.jpg",
        keeps=("<i>Harrow Street</i>", "“his one condition,”", "risotto al pesce persico",
               "thank everyone for their kind wishes.”"),
        drops=("RELATED ARTICLES", "£90,000 engagement ring", "Story continues below",
               "Advertisement", "847 partners", "1.4k", "Share or comment", "Comments (212)",
               "lakesider", "MOST READ", "Jungle line-up", "All rights reserved", "TRENDING",
               # The recommendation widget under the story.
               "Sponsored Links", "Surgeons stunned")),
    "trade-embedded-post": Page(
        url="https://screenledger.example/2026/11/harbor-lights-canceled-streamline-1236012345/",
        title="‘Harbor Lights’ Canceled at Streamline After Two Seasons; Producers Shop Show "
              "Elsewhere",
        author="Dennis Okoro", published="2026-11-20T16:45:00-08:00",
        lead_image="https://screenledger.example/wp-content/uploads/2026/11/"
                   "harbor-lights-s2.jpg?w=1000",
        keeps=("<strong>EXCLUSIVE:</strong>", "38% fall", "This family isn’t done yet. 🌊",
               "<h2>What happens next</h2>", "<i>Low Tide</i>, opening in March."),
        drops=("Get the Screen Ledger TV Newsletter", "Sign Up", "free articles left",
               "BREAKING", "More From Our Brands", "Sister Mag", "Join the Conversation",
               "seasonthreeplease", "Most Popular", "AdChoices", "widgets.js", "Tags:",
               # The headline (our page shows it) and the badge above it.
               "Producers Shop Show Elsewhere", ">TV</a>")),
    "review-tracklist": Page(
        url="https://loudmouth.example/reviews/albums/delphine-rousseau-cafe-lumiere/",
        title="Delphine Rousseau: Café Lumière", author="Sam Adeyemi",
        published="2026-11-19T05:00:00+00:00",
        lead_image="https://media.loudmouth.example/photos/6721ab/master/w_1200/"
                   "cafe-lumiere-cover.jpg",
        keeps=("<li>Minuit &amp; Quart</li>", "2023’s <i>Néon</i>",
               'src="https://open.spotify.com/embed/album/4xN2cLumiereQ7bT1"',
               "with the lights low.", "<ol>\n      <li>Café Lumière</li>"),
        drops=("ADVERTISEMENT", "More Reviews", "The Gilded Foxes", "Rough Trade",
               "independently selected", "buildId", "Best New Music", "Label: Maison",
               "Careers", "<h2>Café Lumière</h2>", "<ul>")),
    "kpop-reactions": Page(
        url="https://seoulbeat.example/news/daejun-haram-wave-mv/",
        title="Harbor Lights’ Dae-jun to lead HARAM’s (하람) “파도 (Wave)” music video",
        author="Ji-woo Han", published="2026-11-21T18:30:00+09:00",
        lead_image="https://seoulbeat.example/wp-content/uploads/2026/11/daejun-haram.webp",
        keeps=("Dae-jun Park (박대준)", "“오빠 고마워요!", "scene. 🌊”", "120,000 copies",
               # The WordPress embed block's player.
               'src="https://www.youtube-nocookie.com/embed/wV7pQ1hRm2c'),
        drops=("Love", "1.2k", "Share this:", "KakaoTalk", "Hot Issues", "wavewatcher_97",
               "하람사랑", "Leave a Reply", "Previous", "concept photos", "한국어",
               "Advertisement", "2 min read")),
}


def _feed_json(name: str) -> str:
    url, content_type = FEEDS[name]
    feed = parse_feed((TESTDATA / "feeds" / name).read_bytes(), url, content_type)
    items = []
    for item in feed.items:
        fields = asdict(item)
        fields.update(published=item.published and item.published.isoformat(),
                      updated=item.updated and item.updated.isoformat(), tags=list(item.tags))
        items.append(fields)
    doc = {"title": feed.title, "link": feed.link, "warning": feed.warning,
           "truncated": feed.truncated, "skipped": feed.skipped, "items": items}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _compare(expected_path: Path, actual: str) -> None:
    if REGOLD:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"{expected_path.name}: run with DRAMAWIRED_REGOLD=1"
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FEEDS)
def test_feed_parses_as_its_golden_json(name):
    _compare(TESTDATA / "feeds" / (name.split(".")[0] + ".json"), _feed_json(name))


@pytest.mark.parametrize("name", PAGES)
def test_page_extracts_as_its_golden_story(name):
    page = PAGES[name]
    html = (TESTDATA / "pages" / f"{name}.html").read_text(encoding="utf-8")
    extracted = extract_article(html, page.url, FeedItem(guid=page.url, url=page.url,
                                                          title=""))
    body = sanitize_html(extracted.body_html, page.url)
    _compare(TESTDATA / "pages" / f"{name}.expected.html", body + "\n")
    assert (extracted.title, extracted.author, extracted.published.isoformat(),
            extracted.lead_image) == (page.title, page.author, page.published, page.lead_image)
    assert extracted.from_page
    assert [k for k in page.keeps if k not in body] == []
    assert [d for d in page.drops if d in body] == []


def test_every_golden_file_has_its_pair():
    """A file without its other half would be read by no test."""
    feeds = {p.name for p in (TESTDATA / "feeds").iterdir()}
    expected = {n.split(".")[0] + ".json" for n in FEEDS}
    assert feeds == set(FEEDS) | expected | NOT_GOLDEN
    pages = {p.name for p in (TESTDATA / "pages").iterdir()}
    assert pages == {f"{n}{ext}" for n in PAGES for ext in (".html", ".expected.html")}
