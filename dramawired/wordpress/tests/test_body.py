"""A WordPress body as our HTML: wpautop, block comments, shortcodes, embeds, the
autoblog's appended credit line, and the sanitize stage over all of it."""

from dramawired.wordpress.autoblog import meta_permalink, split_credit
from dramawired.wordpress.autop import wpautop
from dramawired.wordpress.body import to_html
from dramawired.wordpress.shortcodes import Image, attributes

BASE = "http://old.marquee.test/2024/05/post/"


def test_wpautop_as_wordpress_writes_it():
    assert wpautop("One\n\nTwo\nthree") == "<p>One</p>\n<p>Two<br />\nthree</p>\n"
    assert wpautop("<ul>\n<li>a</li>\n</ul>\n\nAfter") == "<ul>\n<li>a</li>\n</ul>\n<p>After</p>\n"
    assert wpautop("<pre>x\n\ny</pre>") == "<pre>x\n\ny</pre>\n"
    assert wpautop("<blockquote>Said</blockquote>") == "<blockquote><p>Said</p></blockquote>\n"
    assert wpautop("Costs $640M\n\nand $5") == "<p>Costs $640M</p>\n<p>and $5</p>\n"


def test_block_editor_posts_get_no_autop_and_lose_their_comments():
    html = to_html('<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->\n'
                   '<!-- wp:separator /-->', BASE)
    assert html == "<p>One\ntwo</p>"


def test_caption_becomes_a_figure():
    html = to_html('[caption id="attachment_1" width="300"]<a href="/big.jpg"><img src="/s.jpg"'
                   ' alt="Stage" /></a> The stage at <em>dusk</em>[/caption]', BASE)
    assert html == ('<figure><a href="http://old.marquee.test/big.jpg" rel="nofollow noopener">'
                    '<img loading="lazy" decoding="async" src="http://old.marquee.test/s.jpg" '
                    'alt="Stage"></a><figcaption>The stage at <em>dusk</em></figcaption>'
                    '</figure>')
    old_style = to_html('[caption caption="Old &amp; style"]<img src="/o.jpg">[/caption]', BASE)
    assert "<figcaption>Old &amp; style</figcaption>" in old_style


def test_embeds_become_our_player_or_a_link():
    html = to_html("Watch:\n\nhttps://youtu.be/AbCdEfGhIjK\n\n[embed]https://vimeo.com/42[/embed]"
                   "\n\nhttps://elsewhere.test/page", BASE)
    assert 'src="https://www.youtube-nocookie.com/embed/AbCdEfGhIjK"' in html
    assert 'src="https://player.vimeo.com/video/42"' in html
    assert '<a href="https://elsewhere.test/page" rel="nofollow noopener">' in html
    jetpack = to_html("[youtube=https://www.youtube.com/watch?v=AbCdEfGhIjK&w=640]", BASE)
    assert "youtube-nocookie.com/embed/AbCdEfGhIjK" in jetpack


def test_gallery_is_its_images():
    def gallery(ids, post_id):
        assert (ids, post_id) == ([5, 6], 9)
        return [Image("http://old.marquee.test/a.jpg", "A", "First"),
                Image("http://old.marquee.test/b.jpg")]

    html = to_html('Before\n\n[gallery ids="5,6" columns="2"]\n\nAfter', BASE, post_id=9,
                   gallery=gallery)
    assert html.count("<figure>") == 2 and "<figcaption>First</figcaption>" in html
    assert "<p><figure>" not in html and "gallery" not in html


def test_unknown_shortcodes_keep_their_text_and_brackets_that_are_words_stay():
    html = to_html("[vc_row][vc_column_text]Inside text[/vc_column_text][/vc_row]\n\n"
                   "[contact-form-7 id=\"12\" title=\"Tips\"]\n\n"
                   "She said it [sic] twice. [[gallery]] is how you write one.", BASE)
    assert "Inside text" in html and "vc_" not in html and "contact-form" not in html
    assert "[sic]" in html and "[gallery] is how" in html


def test_scripts_and_handlers_never_survive():
    html = to_html('<p onclick="x()">Hi</p><script>alert(1)</script>'
                   '[caption]<img src="x.jpg" onerror="alert(1)"> <b>c</b>[/caption]', BASE)
    assert "script" not in html and "onclick" not in html and "onerror" not in html


def test_shortcode_attributes():
    assert attributes(' ids="1,2" columns=3 link=\'file\' solo') == {
        "ids": "1,2", "columns": "3", "link": "file", "0": "solo"}


def test_the_autoblog_credit_line_goes_and_names_the_original():
    body = ('<p>Story.</p><p>More story.</p>'
            '<p><a href="https://trade.test/a" rel="nofollow noopener">Source link</a></p>')
    assert split_credit(body) == ("<p>Story.</p><p>More story.</p>", "https://trade.test/a")
    twice = body + '<p>Source: <a href="https://trade.test/a">Trade</a></p>'
    assert split_credit(twice)[0] == "<p>Story.</p><p>More story.</p>"
    # A last paragraph that merely starts with a credit word is the story's.
    story = '<p>Sources close to the band say <a href="https://x.test/">this</a> and more.</p>'
    assert split_credit(story) == (story, "")


def test_plugin_meta_gives_the_original_address():
    assert meta_permalink({"feedzy_item_url": "https://a.test/x"}) == "https://a.test/x"
    assert meta_permalink({"wprss_item_permalink": "javascript:alert(1)"}) == ""
