"""The demo catalogue (articles/<outlet>/*.html, see articles/FORMAT.md): every file
parses and keeps the format's rules, and together they cover what the pipeline must
meet: 80+ article pages across 6+ outlets, all eight menu categories, titles with $, &,
quotes and non-ASCII, and stories long enough to extract (150+ words)."""

import re
from html import unescape

import pytest

from dramawired.demo.catalog import ARTICLES_DIR, BY_SLUG, OUTLETS, articles, find, parse_article

CATEGORIES = {"Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"}
HEADER_KEYS = {"title", "author", "published", "category", "summary", "image", "video",
               "link", "syndicate"}
BODY_TAGS = {"p", "h2", "h3", "blockquote", "ul", "ol", "li", "strong", "em", "a"}
FILES = sorted(ARTICLES_DIR.glob("*/*.html"))


def originals():
    """Each article once, under the outlet that wrote it (wire copies left out)."""
    return [a for items in articles().values() for a in items if a.original is None]


def words(body: str) -> int:
    return len(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_every_outlet_folder_is_an_outlet():
    assert {p.parent.name for p in FILES} == set(BY_SLUG)
    assert len(originals()) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_article_file_parses_and_keeps_the_format(path):
    outlet = BY_SLUG[path.parent.name]
    article, syndicate = parse_article(outlet, path)
    head = path.read_text(encoding="utf-8").partition("\n---\n")[0]
    keys = {line.partition(":")[0].strip() for line in head.splitlines()}
    assert keys <= HEADER_KEYS, keys - HEADER_KEYS
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.slug)
    assert article.title and article.author and article.summary and article.body
    assert article.category in CATEGORIES
    assert "&amp;" not in head and "&#" not in head  # header values are plain text
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", article.body))
    assert tags <= BODY_TAGS, tags - BODY_TAGS
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#\d+;)", article.body), "unescaped &"
    assert all(h.startswith("https://example.com/")
               for h in re.findall(r'href="([^"]*)"', article.body))
    if outlet.feed_format == "youtube":
        assert re.fullmatch(r"[\w-]{11}", article.video)
    if article.link:
        assert find(*article.link.split("/")) is not None, article.link
    if syndicate:
        assert syndicate in BY_SLUG and syndicate != outlet.slug


def test_enough_article_pages_across_outlets():
    pages = [a for a in originals() if not a.video and not a.link]
    assert len(pages) >= 80
    assert len({a.outlet.slug for a in pages}) >= 6
    assert {a.category for a in originals()} == CATEGORIES
    assert {o.category for o in OUTLETS} == CATEGORIES


def test_titles_carry_the_characters_that_break_sites():
    titles = [a.title for a in originals()]
    assert len(set(titles)) == len(titles)
    assert any(re.search(r"\$\d", t) for t in titles)  # "$640M" became "0M" in PHP
    assert any("&" in t for t in titles)
    assert any(q in t for t in titles for q in "\"'“”‘’")
    assert any(not t.isascii() for t in titles)
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", t) for t in titles)


def test_stories_are_long_enough_to_extract():
    short = [(a.outlet.slug, a.slug, words(a.body)) for a in originals()
             if a.outlet.layout not in ("video", "forum") and words(a.body) < 150]
    assert short == []


def test_each_outlet_lists_newest_first_with_wire_copies():
    for slug, items in articles().items():
        assert items, slug
        assert [a.published for a in items] == sorted(
            (a.published for a in items), reverse=True)
        for copy in (a for a in items if a.original):
            assert copy.outlet.slug == slug != copy.original.outlet.slug
            assert copy.title == copy.original.title
            assert copy.path == f"/{slug}/{copy.slug}/"
