"""sanitize.py: the allowlist, absolute URLs, trusted video iframes only, nofollow links and
lazy images; plus a fuzz test: whatever HTML goes in, nothing that runs comes out, and text
($ & quotes emoji CJK) comes out exactly once-escaped."""

import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from dramawired.pipeline.quirks import VIDEO_HOSTS
from dramawired.pipeline.sanitize import sanitize_html

BASE = "https://news.example/2026/story.html"
TEXT = "Tom &amp; Jerry: $640M, “quotes” 'single' \"double\" 🎬 星の渡し舟 Crème &lt;3"


def clean(fragment: str) -> str:
    return sanitize_html(fragment, BASE)


def test_text_is_escaped_exactly_once():
    assert clean(f"<p>{TEXT}</p>") == f"<p>{TEXT}</p>"
    assert clean("<p>$1 \\1 \\g<0> $&amp;</p>") == "<p>$1 \\1 \\g&lt;0&gt; $&amp;</p>"


def test_links_and_images_made_absolute_and_safe():
    out = clean('<p><a href="/about">a</a> <a href="../x?y=1#z" title="t">b</a>'
                '<img src="pic.jpg" alt="A “pic”" onerror="alert(1)"></p>')
    assert '<a href="https://news.example/about" rel="nofollow noopener">a</a>' in out
    assert 'href="https://news.example/x?y=1#z"' in out
    assert 'src="https://news.example/2026/pic.jpg"' in out
    assert 'loading="lazy"' in out and 'decoding="async"' in out
    assert "onerror" not in out


def test_existing_rel_and_target_are_replaced():
    out = clean('<a href="https://x.test/" rel="opener" target="_blank">x</a>')
    assert out == '<a href="https://x.test/" rel="nofollow noopener">x</a>'


def test_dangerous_urls_removed():
    out = clean('<a href="javascript:alert(1)">j</a><a href="java\tscript:alert(1)">t</a>'
                '<a href="&#106;avascript:alert(1)">e</a><a href=" JAVASCRIPT:x">u</a>'
                '<a href="vbscript:x">v</a><img src="data:image/png;base64,AAAA">'
                '<a href="mailto:tips@news.example">m</a>')
    assert "script:" not in out.lower() and "data:" not in out
    assert out.count("<a ") == 6 and out.count("href=") == 1
    assert 'href="mailto:tips@news.example"' in out


def test_scripts_styles_and_forms_removed_with_their_content():
    out = clean('<script>alert(1)</script><style>p{color:red}</style><noscript>ns</noscript>'
                '<form><input name="q"><button>Go</button></form><svg><script>1</script></svg>'
                '<p style="color:red" class="x" id="y" onclick="alert(1)">kept</p>')
    assert out == "<p>kept</p>"


def test_unknown_tags_are_unwrapped_keeping_text():
    assert clean("<div><span>Hello</span> <font>world</font></div>") == "Hello world"


def test_trusted_video_iframes_only():
    out = clean('<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" '
                'onload="x()" srcdoc="<script>1</script>"></iframe>'
                '<iframe src="//player.vimeo.com/video/1"></iframe>'
                '<iframe src="http://www.youtube.com/embed/abc"></iframe>'
                '<iframe src="https://evil.example/embed"></iframe>'
                '<iframe src="https://youtube.com.evil.example/"></iframe>'
                '<iframe src="https://evilyoutube.com/"></iframe><iframe></iframe>')
    assert out.count("<iframe") == 2
    assert 'src="https://www.youtube-nocookie.com/embed/abc"' in out and 'width="560"' in out
    assert 'src="https://player.vimeo.com/video/1"' in out  # made https by the base URL
    assert "onload" not in out and "srcdoc" not in out and "evil" not in out
    assert 'referrerpolicy="strict-origin-when-cross-origin"' in out


def test_iframe_content_is_dropped():
    """Browsers never show an iframe's content, and nh3 writes it back verbatim."""
    out = clean('<iframe src="https://www.youtube.com/embed/a"><script>alert(1)</script>'
                '<iframe src="https://evil.example/"></iframe>')
    assert "<script" not in out and "evil" not in out
    assert out.startswith("<iframe") and out.endswith("></iframe>")
    assert clean('<iframe src="https://evil.example/">fallback</iframe>') == ""


def test_allowed_structure_survives():
    fragment = ("<h2>Sub</h2><blockquote><p>“Quote,” she said.</p></blockquote>"
                "<ul><li><strong>a</strong></li><li><em>b</em></li></ul>"
                '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>')
    assert clean(fragment) == fragment


# --- fuzz ---------------------------------------------------------------------------------

TAG_NAMES = ["p", "a", "img", "iframe", "script", "style", "svg", "math", "div", "xmp",
             "noscript", "template", "object", "embed", "form", "title", "textarea", "video",
             "source", "base", "meta", "link", "frame", "SCRIPT", "ScRiPt", "IFRAME", "mi"]
ATTR_NAMES = ["href", "src", "poster", "onclick", "onerror", "ONLOAD", "onmouseover", "style",
              "title", "srcdoc", "formaction", "xlink:href", "action", "data", "alt", "/onload"]
ATTR_VALUES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
               "&#106;avascript:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)",
               "data:text/html,<script>alert(1)</script>", "https://www.youtube.com/embed/x",
               "//www.youtube.com/embed/x", "https://evil.example/", "//evil.example/x",
               "http://player.vimeo.com/video/1", "https://youtube.com.evil.example/",
               "/relative", "x\" onerror=\"alert(1)", "alert(1)", "<script>alert(1)</script>"]
HOSTILE_TEXT = ["<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "&", "&amp;", "&#x3C;",
                "\"", "'", "=", "`", "javascript:", "<script>", "</iframe>", "</textarea>"]

text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=8))
attribute = st.builds(
    lambda name, value, quote: f" {name}={quote}{value}{quote}",
    st.sampled_from(ATTR_NAMES), st.one_of(st.sampled_from(ATTR_VALUES), text),
    st.sampled_from(['"', "'", ""]))
open_tag = st.builds(lambda name, attrs: f"<{name}{''.join(attrs)}>",
                     st.sampled_from(TAG_NAMES), st.lists(attribute, max_size=3))
close_tag = st.builds(lambda name: f"</{name}>", st.sampled_from(TAG_NAMES))
hostile_html = st.lists(st.one_of(open_tag, close_tag, text), max_size=25).map("".join)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _tags(out: str):
    parser = _Tags()
    parser.feed(out)
    parser.close()
    return parser.tags


def _trusted(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return url.startswith("https://") and any(
        host == h or host.endswith("." + h) for h in VIDEO_HOSTS)


@settings(max_examples=400, deadline=None, database=None)
@given(hostile_html)
def test_fuzz_nothing_executable_survives(fragment):
    out = clean(fragment)
    lowered = out.lower()
    assert "<script" not in lowered and "<style" not in lowered
    for tag, attrs in _tags(out):
        assert tag not in {"script", "style", "svg", "math", "base", "meta", "link", "frame"}
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "style" not in attrs and "srcdoc" not in attrs
        for name in ("href", "src", "poster"):
            if name in attrs:
                assert urlsplit(attrs[name]).scheme in {"http", "https", "mailto"}, attrs
        if tag == "iframe":
            assert "src" in attrs and _trusted(attrs["src"]), attrs


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n")))
def test_fuzz_text_survives_exactly_once_escaped(value):
    out = clean(f"<p>{html.escape(value)}</p>")
    assert html.unescape(out) == f"<p>{value}</p>"
    assert "<" not in out[3:-4] and ">" not in out[3:-4]
