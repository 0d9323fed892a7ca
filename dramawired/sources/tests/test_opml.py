"""OPML import and export: folders named like a category become the default category,
feeds already subscribed are skipped, names are made unique, anything that is not OPML is
an OPMLError, and an export imports back into the same subscriptions."""

import xml.etree.ElementTree as ET

import pytest

from dramawired.demo.catalog import OUTLETS
from dramawired.news.models import Category
from dramawired.sources.models import Source
from dramawired.sources.opml import OPMLError, export_opml, import_opml

pytestmark = pytest.mark.django_db

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="movie" title="movie">
    <outline type="rss" text="Reel" title="The Reel Report"
             xmlUrl="https://reel.example/feed" htmlUrl="https://reel.example/"/>
    <outline text="Nested">
      <outline type="rss" text="Deep" xmlUrl="https://deep.example/feed"/>
    </outline>
    <outline text="TV"><outline text="Tube" xmlUrl="https://tv.example/feed"/></outline>
  </outline>
  <outline text="Blogs I like">
    <outline type="rss" text="Tea &amp; Gossip" xmlUrl="https://tea.example/rss"/>
  </outline>
  <outline type="rss" xmlUrl="https://www.youtube.com/feeds/videos.xml?channel_id=UC1"/>
  <outline type="rss" text="Reddit" xmlUrl="https://www.reddit.com/r/PopDrama/.rss"/>
</body></opml>"""


def _by_url():
    return {s.feed_url: s for s in Source.objects.select_related("default_category")}


def test_import_files_feeds_under_folders_that_name_a_category():
    result = import_opml(OPML)
    assert len(result.created) == 6 and result.skipped == 0
    sources = _by_url()
    reel = sources["https://reel.example/feed"]
    assert reel.name == "The Reel Report"  # title wins over text
    assert reel.site_url == "https://reel.example/"
    assert reel.default_category.name == "Movie"  # folder names match case-insensitively
    # A folder inside a category folder is still inside it; one that names none files
    # nothing.
    assert sources["https://deep.example/feed"].default_category.name == "Movie"
    assert sources["https://tv.example/feed"].default_category.name == "TV"  # innermost
    tea = sources["https://tea.example/rss"]
    assert tea.name == "Tea & Gossip" and tea.default_category is None
    youtube = sources["https://www.youtube.com/feeds/videos.xml?channel_id=UC1"]
    assert youtube.kind == Source.Kind.YOUTUBE
    assert youtube.name == youtube.feed_url  # no title or text: the address names it
    assert sources["https://www.reddit.com/r/PopDrama/.rss"].kind == Source.Kind.REDDIT


def test_feeds_already_subscribed_are_skipped():
    import_opml(OPML)
    again = import_opml(OPML)
    assert again.created == [] and again.skipped == 6
    assert Source.objects.count() == 6


def test_the_same_feed_twice_in_one_file_is_subscribed_once():
    doubled = OPML.replace(b"</body>", b'<outline text="Again" '
                           b'xmlUrl="https://reel.example/feed"/></body>')
    result = import_opml(doubled)
    assert (len(result.created), result.skipped) == (6, 1)


def test_names_are_made_unique():
    Source.objects.create(name="Reel", feed_url="https://other.example/feed")
    Source.objects.create(name="Reel (2)", feed_url="https://other2.example/feed")
    opml = b"""<opml version="1.0"><body>
      <outline text="Reel" xmlUrl="https://a.example/feed"/>
      <outline text="Reel" xmlUrl="https://b.example/feed"/>
      <outline text="%s" xmlUrl="https://c.example/feed"/>
    </body></opml>""" % (b"L" * 300)
    created = [s.name for s in import_opml(opml).created]
    assert created[:2] == ["Reel (3)", "Reel (4)"]
    assert len(created[2]) <= 200
    assert Source.objects.values("name").distinct().count() == Source.objects.count()


@pytest.mark.parametrize("data", [
    b"",
    b"this is not xml",
    b"<opml><body><outline text='x'></body></opml>",  # not well formed
    b"<!DOCTYPE html><html><head><title>Feeds</title></head><body></body></html>",
    b"<rss version='2.0'><channel><title>A feed, not a list</title></channel></rss>",
    b"<opml version='2.0'><head/></opml>",  # no body
])
def test_anything_but_opml_is_refused(data):
    with pytest.raises(OPMLError, match="not valid OPML"):
        import_opml(data)
    assert not Source.objects.exists()


def test_export_then_import_gives_the_same_subscriptions():
    import_opml(OPML)
    Source.objects.filter(feed_url="https://tea.example/rss").update(
        default_category=Category.objects.get(name="Gossip"), name='Tea & "Gossip" <Daily>')
    before = {url: (s.name, s.site_url, s.kind, s.default_category_id)
              for url, s in _by_url().items()}
    exported = export_opml()
    root = ET.fromstring(exported)  # well-formed, with escaped names
    folders = {o.get("text") for o in root.find("body") if not o.get("xmlUrl")}
    assert folders == {"Movie", "Gossip", "TV"}

    Source.objects.all().delete()
    result = import_opml(exported.encode())
    assert len(result.created) == 6
    after = {url: (s.name, s.site_url, s.kind, s.default_category_id)
             for url, s in _by_url().items()}
    assert after == before


def test_demo_opml_subscribes_every_outlet_in_its_category(demo_sources):
    assert len(demo_sources) == len(OUTLETS)
    by_name = {s.name: s for s in demo_sources}
    for outlet in OUTLETS:
        source = by_name[outlet.name]
        assert source.feed_url.endswith(f"/{outlet.slug}/feed")
        # A folder naming none of the site's categories ("Shop", now the store) gives
        # none: the outlet's stories are filed by their feed or by what they are about.
        if Category.objects.filter(name=outlet.category).exists():
            assert source.default_category.name == outlet.category
        else:
            assert source.default_category is None


@pytest.mark.django_db
def test_outlines_without_a_web_address_are_reported_not_subscribed():
    data = b"""<opml version="2.0"><body>
      <outline text="Blank" xmlUrl=""/>
      <outline text="Local file" xmlUrl="file:///etc/passwd"/>
      <outline text="Good" xmlUrl="https://good.example/feed"/>
    </body></opml>"""
    result = import_opml(data)
    assert [s.feed_url for s in result.created] == ["https://good.example/feed"]
    assert result.invalid == ["", "file:///etc/passwd"]
