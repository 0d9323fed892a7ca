"""An article's plain text: what categorize, tag and dedupe read."""

from dramawired.pipeline.article import plain


def test_inline_tags_leave_no_gap_and_blocks_end_lines():
    body = ('<p>The <a href="https://x.test/">ACA</a>. <em>Big</em>, <strong>bold</strong>'
            '<br>new line</p><ul><li>one</li><li>two</li></ul><figure><img src="a.jpg">'
            '<figcaption>Cap &amp; tion</figcaption></figure><div>last</div>')
    assert plain(body) == "The ACA. Big, bold\nnew line\none\ntwo\nCap & tion\nlast"
