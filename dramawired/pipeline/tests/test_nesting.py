"""nesting.py: absurd nesting unwrapped in one linear pass, every real page left alone.

Pins: the golden page and every demo page come back as the same object; sloppy but real
markup (unclosed <p>, <li>, <td>, self-closed SVG paths, tags inside scripts and comments)
does not count as deep; deep markup loses its tags past the limit but none of its text;
the ways HTML parsers close elements that a naive counter would get wrong (mismatched end
tags, <form>, foreign content) are not a way around the limit.
"""

from pathlib import Path

import httpx
import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from dramawired.demo.catalog import articles
from dramawired.pipeline.nesting import MAX_DEPTH, flatten_nesting

PAGES = Path(__file__).parent.parent / "testdata" / "pages"


def _text(fragment: str) -> str:
    """The text a parser finds in `fragment`, all tags dropped."""
    return nh3.clean(fragment, tags=set())


def test_golden_and_demo_pages_come_back_untouched(publishers):
    pages = [p.read_text() for p in PAGES.glob("*.html")]
    pages += [httpx.get(publishers.base_url + a.path).text
              for items in articles().values() for a in items if not a.link]
    assert len(pages) > 80
    for page in pages:
        assert flatten_nesting(page) is page
        assert flatten_nesting(page, max_depth=40) is page  # far from the limit, too


def test_deep_nesting_is_cut_at_the_limit_and_keeps_its_text():
    doc = "<div>" * 10 + "<p>deep &amp; “true”</p>" + "</div>" * 10 + "<p>after</p>"
    assert flatten_nesting(doc, max_depth=4) == (
        "<div>" * 4 + "deep &amp; “true”" + "</div>" * 4 + "<p>after</p>")


def test_images_and_line_breaks_survive_in_the_deep_part():
    doc = "<div>" * 8 + 'a<br>b<img src="x.jpg" alt="x"><svg/>' + "</div>" * 8
    assert flatten_nesting(doc, max_depth=2) == (
        '<div><div>a<br>b<img src="x.jpg" alt="x"><svg/></div></div>')


def test_raw_text_in_the_deep_part_stays_text_scripts_go():
    doc = ("<div>" * 5 + "<textarea><div>&amp;</textarea><xmp><b>&</xmp>"
           "<script>alert('<div>')</script><style>p{}</style>x")
    assert flatten_nesting(doc, max_depth=3) == (
        "<div>" * 3 + "&lt;div>&amp;&lt;b>&amp;x")


def test_sloppy_real_markup_is_not_deep():
    sloppy = [
        "<div class=item><p>Unclosed paragraph</div>",
        "<ul><li>one<li>two</ul>",
        "<dl><dt>term<dd>meaning</dl>",
        "<table><tr><td>a<td>b<tr><td>c</table>",
        '<svg viewBox="0 0 24 24"><path d="M0 0h24"/><g><circle r="2"/></g></svg>',
        "<p>One<p>Two<p>Three",
        "<select><option>a<option>b</select>",
        "<h2>Title<h3>Sub</h3>",
        "<script>for (i=0;i<n;i++) html += '<div><span>' + a[i] + '</span>';</script>",
        "<!-- <div><div><div> --><![CDATA[<div>]]>",
        '<a href="/x" title="a > b <c">link</a>',
        "<b><i>bold italic</b></i>",
        "<form><input name=q></form>",
    ]
    for snippet in sloppy:
        page = "<html><body>" + snippet * 300 + "</body></html>"
        assert flatten_nesting(page) is page, snippet


def test_ways_around_a_naive_counter_are_still_cut():
    n = 20_000
    tricks = {
        "end tag a parser ignores": "<span><div></span>" * n,
        "end tag for an element implicitly closed": "<p><dd><li></p>" * n,
        "mismatched pairs": "<span><div></span></div>" * n,
        "</form> removes only the form": "<form><div></form>" * n,
        "self-closing after leaving SVG": "<svg><g></svg>" + "<foo/>" * n,
        "self-closing after a breakout": "<svg><g><p></p>" + "<x/>" * n,
        "quoted > in attributes": '<div title="a>b">' * n,
        "formatting elements with attributes": "".join(f"<b id={i}>" for i in range(n)),
        "nested tables": "<table><tr><td>" * n,
        "nested lists with blocks": "<dl><dd><div>" * n,
        "SVG integration points": "<svg><foreignObject>" * n,
        "style inside SVG is markup": "<svg><style>" + "<g>" * n,
        "abrupt comment": "<!--->" + "<div>" * n,
    }
    for trick, doc in tricks.items():
        out = flatten_nesting(doc + "the end")
        assert out.count("<") < 5 * MAX_DEPTH, trick
        assert out.endswith("the end"), trick


_TAGS = st.sampled_from(["div", "span", "p", "li", "ul", "b", "i", "a", "section", "em"])
_PIECES = st.one_of(
    _TAGS.map(lambda t: f"<{t}>"), _TAGS.map(lambda t: f"</{t}>"),
    st.text(alphabet="ab &<>;\"'", max_size=6).map(lambda s: s.replace("<", "&lt;")),
    st.just("<!-- <div> -->"), st.just("<br>"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.integers(min_value=1, max_value=8))
def test_flattening_never_loses_text(pieces, max_depth):
    doc = "".join(pieces)
    flat = flatten_nesting(doc, max_depth=max_depth)
    assert _text(flat) == _text(doc)
    assert flatten_nesting(doc, max_depth=len(pieces) + 1) is doc
