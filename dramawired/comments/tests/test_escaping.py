"""Nothing a commenter types runs in a reader's browser: comment text, name and website
come out as text, with only plain http(s) addresses turned into nofollow links."""

import re
from html.parser import HTMLParser

import pytest

from dramawired.comments.text import render

from .conftest import approved

HOSTILE = [
    "<script>alert(1)</script>",
    "</div></li></ol><script>alert(1)</script>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)"></svg>',
    'http://a.example/" onmouseover="alert(1)',
    "http://a.example/<script>alert(1)</script>",
    "www.a.example?q=<b onclick=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
    "mailto:x@example.com?subject=<script>",
    "{{ 7|add:7 }} {% now 'Y' %}",
    "x" * 10_000,
    "Love this 💖🔥 — 素晴らしい記事です！ 香港电影 👏🏽",
]


class Tags(HTMLParser):
    """Every tag and attribute in a fragment."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_harmless(html: str) -> None:
    for tag, attrs in Tags(html).found:
        assert tag in {"p", "br", "a"}, (tag, html)
        if tag == "a":
            assert set(attrs) == {"href", "rel"} and attrs["rel"] == "nofollow", attrs
            assert re.match(r"^(https?://|mailto:)[^\s\"'<>]+$", attrs["href"]), attrs


@pytest.mark.parametrize("body", HOSTILE)
def test_rendered_text_holds_no_markup_of_the_readers(body):
    html = render(body)
    assert_harmless(html)
    assert "<script" not in html


def test_text_is_kept_as_typed():
    assert render("a < b & c > d") == "<p>a &lt; b &amp; c &gt; d</p>"
    assert render("&lt;b&gt;") == "<p>&amp;lt;b&amp;gt;</p>"  # entities shown, not decoded
    assert render("one\ntwo\n\nthree") == "<p>one<br>two</p>\n\n<p>three</p>"
    assert render("see https://pub.example/a?b=1&c=2.") == (
        '<p>see <a href="https://pub.example/a?b=1&amp;c=2" rel="nofollow">'
        "https://pub.example/a?b=1&amp;c=2</a>.</p>")
    assert render("💖 素晴らしい") == "<p>💖 素晴らしい</p>"


def test_the_article_page_escapes_everything_a_commenter_wrote(client, post):
    for body in HOSTILE:
        approved(post, body=body, name='<b onmouseover="alert(1)">Eve</b>',
                 website='https://eve.example/"><script>alert(1)</script>')
    page = client.get(post.get_absolute_url()).content.decode()
    texts = re.findall(r'<div class="comment-text">(.*?)</div>', page, re.S)
    assert len(texts) == len(HOSTILE)
    for html in texts:
        assert_harmless(html)
    assert "<script>alert(1)</script>" not in page and "<b onmouseover" not in page
    assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;Eve&lt;/b&gt;" in page
    assert 'href="https://eve.example/&quot;&gt;&lt;script&gt;' in page
    assert "素晴らしい記事です" in page and "x" * 10_000 in page
    assert "{{ 7|add:7 }}" in page
