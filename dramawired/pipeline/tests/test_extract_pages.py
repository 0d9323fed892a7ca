"""Extraction on the page structures that failed on real sites, each rebuilt here in our own
words: HTML comments inside the story, an XML declaration ahead of the markup, control
characters in the text, a gallery repeating one caption, WordPress embed blocks, a kicker
above the headline, ordered lists, recommendation widgets."""

from dramawired.pipeline.article import plain
from dramawired.pipeline.extract import extract_article
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.sanitize import sanitize_html

URL = "https://citydesk.example/2026/11/bridge-crash/"
STORY = [
    "A van left the road on the Old Mill bridge shortly after midnight on Tuesday, police "
    "in Harlow Vale said, and came to rest against the railings above the river.",
    "The driver, a 34-year-old man from Eastmoor, was cut free by firefighters after nearly "
    "an hour and taken to St Anne’s hospital, where his condition is described as serious.",
    "Residents said the junction at the north end of the bridge has seen three crashes "
    "this year, and the council has promised a review of its lighting before the winter.",
]


def _page(story_html: str, head: str = "", prologue: str = "") -> str:
    return (f"{prologue}<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Van crashes on Old Mill bridge | City Desk</title>{head}</head><body>"
            "<header><nav><a href=\"/\">Home</a> <a href=\"/news/\">News</a> "
            "<a href=\"/sport/\">Sport</a></nav></header>"
            f"<main><article class=\"story\">{story_html}</article></main>"
            "<footer><p>© 2026 City Desk Media. All rights reserved.</p></footer>"
            "</body></html>")


def _paragraphs(texts) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _story(page: str, url: str = URL) -> str:
    """The story's HTML as a post gets it (extracted, then sanitized)."""
    found = extract_article(page, url, FeedItem(guid=url, url=url, title=""))
    assert found.from_page
    return sanitize_html(found.body_html, url)


def test_text_after_an_html_comment_is_kept():
    # Ad-slot and template comments in mid-sentence, as big news sites leave them: the
    # tree trafilatura was given kept them, and it dropped every comment's tail text.
    story = _paragraphs(STORY[:2]) + (
        "<p>Police said the man had suffered<!-- /ad-slot --> serious injuries in the crash."
        "</p><div class=\"para\"><!-- para:start -->Witnesses described a loud bang before "
        "the van hit the railings.</div><p><span>Officers</span><!-- x --> closed the bridge "
        "for four hours while they examined the scene.</p>")
    text = plain(_story(_page(story)))
    assert "had suffered serious injuries in the crash." in text
    assert "Witnesses described a loud bang before the van hit the railings." in text
    assert "Officers closed the bridge for four hours" in text
    assert "ad-slot" not in text


def test_a_page_that_starts_with_an_xml_declaration_is_read():
    # XHTML pages (TYPO3 and other CMSs) open with one; lxml refuses a str that carries it.
    for encoding in ("utf-8", "iso-8859-1"):  # the page is text by now, whatever it says
        page = _page(_paragraphs([*STORY, "Tickets cost €12 — “a bargain”, said Zoë."]),
                     prologue=f'<?xml version="1.0" encoding="{encoding}"?>\n')
        text = plain(_story(page))
        assert STORY[0] in text and "Tickets cost €12 — “a bargain”, said Zoë." in text


def test_control_characters_in_the_text_do_not_empty_the_story():
    # A stray BEL/GS character (pasted from a word processor) inside formatted text: with a
    # tree as input and formatting on, trafilatura returned nothing for the whole page.
    story = _paragraphs(STORY) + (
        "<p class=\"has-small-font-size\" style=\"font-size:14px\">Source: <em>Road Safety "
        "Report\x07 (2025):\x1d figures for the district</em>, page 12.</p>")
    text = plain(_story(_page(story)))
    assert STORY[1] in text
    assert "Road Safety Report (2025): figures for the district" in text


def test_a_caption_repeated_under_every_picture_is_shown_once():
    caption = "The Old Mill bridge after the crash. Photo: Dana Whitlock"
    gallery = "".join(
        f'<div class="wp-caption"><img src="https://citydesk.example/img/{n}.jpg" '
        f'alt="bridge"><p class="wp-caption-text">{caption}</p></div>' for n in range(5))
    story = _paragraphs(STORY[:2]) + gallery + _paragraphs(STORY[2:])
    body = _story(_page(story))
    assert body.count(caption) <= 1
    assert all(p in plain(body) for p in STORY)


def test_pictures_stay_in_place_and_teasers_under_the_story_stay_out():
    # trafilatura with pictures on takes the teaser grid under the story too; the story's
    # text comes from a pass without pictures, and only its own pictures go back in.
    figure = ('<figure><img src="https://citydesk.example/img/railings.jpg" alt="The bent '
              "railings\"><figcaption>Photo: Dana Whitlock</figcaption></figure>")
    teasers = "".join(
        f'<div class="teaser"><a href="/news/{n}/"><img src="https://citydesk.example/img/'
        f't{n}.jpg" alt=""><h3>{title}</h3></a></div>' for n, title in enumerate((
            "Council approves new cycle lanes on the ring road after two years of talks",
            "Eastmoor bakery wins regional award for its sourdough and seeded rye loaves")))
    story = _paragraphs(STORY[:2]) + figure + _paragraphs(STORY[2:])
    body = _story(_page(story + f'<section class="more">{teasers}</section>'))
    assert body.index(STORY[1][-30:]) < body.index("railings.jpg") < body.index(STORY[2][:30])
    assert "t0.jpg" not in body and "t1.jpg" not in body and "cycle lanes" not in body


def test_wordpress_embed_blocks_keep_their_player():
    iframe_block = (
        '<figure class="wp-block-embed is-type-video is-provider-youtube"><div '
        'class="wp-block-embed__wrapper"><iframe title="Bridge footage" width="800" '
        'height="450" src="https://www.youtube.com/embed/Qm3xT9vLb2c?feature=oembed" '
        'allowfullscreen></iframe></div></figure>')
    # Unrendered: the block holds the video's address alone.
    bare_block = ('<figure class="wp-block-embed is-type-video is-provider-vimeo"><div '
                  'class="wp-block-embed__wrapper">\nhttps://vimeo.com/482915\n</div>'
                  '</figure>')
    story = (_paragraphs(STORY[:1]) + iframe_block + _paragraphs(STORY[1:2]) + bare_block
             + _paragraphs(STORY[2:]))
    body = _story(_page(story))
    assert 'src="https://www.youtube.com/embed/Qm3xT9vLb2c?feature=oembed"' in body
    assert 'src="https://player.vimeo.com/video/482915"' in body
    assert body.index("Qm3xT9vLb2c") < body.index(STORY[1][:40]) < body.index("482915")


def test_the_headline_goes_with_the_kicker_and_picture_above_it():
    # Our page shows the headline; a badge and a cover picture above the <h1> used to
    # leave it (and the badge) at the top of the story.
    header = ('<a class="category-badge" href="/news/local/">Local</a>'
              '<img src="https://citydesk.example/img/cover.jpg" alt="The bridge">'
              "<h1>Van crashes on Old Mill bridge</h1>")
    body = _story(_page(header + _paragraphs(STORY)))
    assert "Van crashes on Old Mill bridge" not in body
    assert ">Local<" not in body
    assert plain(body).startswith(STORY[0][:40])


def test_an_ordered_list_stays_ordered():
    steps = "".join(f"<li>{s}</li>" for s in ("Old Mill Road", "Bridge Street", "Quay Lane"))
    story = (_paragraphs(STORY[:2]) + "<p>Closed until Friday, in this order:</p>"
             f"<ol>{steps}</ol><ul><li>Buses divert via Eastmoor</li></ul>"
             + _paragraphs(STORY[2:]))
    body = _story(_page(story))
    assert "<ol><li>Old Mill Road</li>" in body.replace("\n", "").replace("  ", "")
    assert "<ul>" in body


def test_recommendation_widgets_stay_out():
    widgets = (
        '<div class="OUTBRAIN" data-widget-id="AR_1"><div class="ob-widget ob-feed-layout">'
        '<div class="ob-widget-header">Sponsored Links</div><ul><li><a href="https://clk.'
        'ads.example/1">Doctors baffled by this kitchen trick for sore knees</a></li></ul>'
        "</div></div>"
        '<div id="taboola-below-article-thumbnails" class="trc_related_container">'
        '<div class="trc_rbox_header">You May Like</div><a href="https://clk.ads.example/2">'
        "Homeowners are replacing their boilers for nothing this winter</a></div>"
        '<div class="sharedaddy"><h3>Share this:</h3><a href="?share=x">Share on X</a></div>')
    body = _story(_page(_paragraphs(STORY) + widgets))
    assert all(p in plain(body) for p in STORY)
    for chrome in ("Sponsored Links", "kitchen trick", "You May Like", "boilers",
                   "Share this"):
        assert chrome not in body


def test_soft_hyphens_go_and_text_is_composed():
    # Hyphenation hints split every word for search and tags; a decomposed "é" is the
    # same letter as the composed one a search types.
    story = _paragraphs([*STORY, "The coun\xadcil\xadlor for Old Mill, Rene\u0301e "
                                 "Okafor, called the junction “a disgrace”."])
    text = plain(_story(_page(story)))
    assert "The councillor for Old Mill, Renée Okafor" in text
    assert "\xad" not in text


def test_formatting_inside_a_word_puts_no_space_there():
    # A paragraph that is all formatting, no bare text ("<b>BBC</b><i>-Recherchen</i>"):
    # pretty printing used to break lines between its parts, so "NDR-style" words split.
    story = _paragraphs(STORY[:2]) + (
        "<p><strong>Council</strong><em>-run</em><strong> cameras on the bridge were "
        "switched off at the time of the crash, a spokesperson said.</strong></p>"
    ) + _paragraphs(STORY[2:])
    text = plain(_story(_page(story)))
    assert "Council-run cameras on the bridge were switched off" in text


def test_the_caption_after_a_bare_picture_stays_out():
    # A picture followed by its caption as loose text (no <figcaption>): the pass with
    # pictures reads that text as the picture's tail, and it came along with the picture.
    figure = ('<div class="image"><img src="https://citydesk.example/img/railings.jpg" '
              'alt="">Figure: the bent railings seen from the river path</div>')
    story = _paragraphs(STORY[:2]) + figure + _paragraphs(STORY[2:])
    body = _story(_page(story))
    assert all(p in plain(body) for p in STORY)
    assert "railings.jpg" in body and "Figure: the bent railings" not in body


def test_links_to_other_stories_inside_and_under_the_story_go():
    # "Read more: <a>…</a>" between paragraphs and a "Lesen Sie auch:" heading over a list
    # of links: trafilatura keeps both as story text.
    story = (_paragraphs(STORY[:1])
             + '<p><em>Read more</em>: <a href="/news/ring-road/">Council approves new cycle '
               "lanes on the ring road</a></p>" + _paragraphs(STORY[1:])
             + "<p><b>Lesen Sie auch:</b></p><ul><li><a href=\"/news/bakery/\">Eastmoor bakery "
               "wins regional award</a></li><li><a href=\"/news/ferry/\">Ferry timetable "
               "changes from Monday</a></li></ul>"
             + "<p>Related to the crash, the council will publish its lighting review in "
               "March, a spokesperson for the highways department said on Wednesday.</p>")
    text = plain(_story(_page(story)))
    assert all(p in text for p in STORY)
    assert "Related to the crash, the council will publish" in text  # prose stays
    for teaser in ("Read more", "cycle lanes", "Lesen Sie auch", "bakery", "Ferry"):
        assert teaser not in text


def test_chrome_at_the_end_of_the_story_goes():
    story = _paragraphs([*STORY, "Follow us on Mastodon and Bluesky for updates.",
                         "Titelbild: Dana Whitlock", "Comments"])
    text = plain(_story(_page(story)))
    assert text.endswith(STORY[2])


def test_a_story_that_ends_on_a_word_chrome_starts_with_keeps_its_end():
    last = ("Comments from residents will be read out at the council meeting on Thursday, "
            "the highways department said.")
    text = plain(_story(_page(_paragraphs([*STORY, last]))))
    assert text.endswith(last)


def test_bare_links_under_the_story_go():
    # Teasers with no heading over them, each a paragraph that is one link.
    teasers = "".join(f'<p><a href="/news/{n}/">{title}</a></p>' for n, title in enumerate((
        "Council approves new cycle lanes on the ring road after two years of talks",
        "Eastmoor bakery wins regional award for its sourdough and seeded rye loaves")))
    text = plain(_story(_page(_paragraphs(STORY) + teasers)))
    assert text.endswith(STORY[2])


def test_loose_text_after_the_headline_stays():
    # A first paragraph with no element of its own, right after the <h1>: trafilatura
    # hands it over as the headline's tail, and it went with the headline.
    first = ("Firefighters spent nearly an hour cutting the driver free after the van hit the "
             "railings of the Old Mill bridge in the early hours of Tuesday.")
    story = f"<h1>Van crashes on Old Mill bridge</h1>{first}" + _paragraphs(STORY)
    text = plain(_story(_page(story)))
    assert text.startswith(first)
    assert "Van crashes on Old Mill bridge" not in text
