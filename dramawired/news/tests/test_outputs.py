"""The site's own machine-readable outputs: RSS/Atom feeds (site, category, tag, author),
sitemap index and sections, the Google News sitemap, robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
from django.utils import timezone

from dramawired.conftest import ALIBABA
from dramawired.news.models import Post

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "n": "http://www.google.com/schemas/sitemap-news/0.9"}


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


def test_site_feeds_are_valid_and_keep_titles_exact(client, site):
    rss, atom = feed(client, "/feed/"), feed(client, "/feed/atom/")
    assert rss.version == "rss20" and atom.version == "atom10"
    for parsed in (rss, atom):
        assert len(parsed.entries) == 30
        titles = {e.title for e in parsed.entries}
        newest = Post.objects.published()[:30]
        assert titles == {p.title for p in newest}
    assert rss.entries[0].link.startswith("http://testserver/")


def test_category_tag_and_author_feeds(client, site):
    for url in ["/category/movie/feed/", "/category/movie/feed/atom/", "/tag/hong-kong/feed/",
                "/tag/hong-kong/feed/atom/", f"/author/{site.author.slug}/feed/",
                f"/author/{site.author.slug}/feed/atom/"]:
        assert ALIBABA in {e.title for e in feed(client, url).entries}, url
    assert client.get("/category/nope/feed/").status_code == 404


def test_sitemap_index_sections_and_news_sitemap(client, site):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert {s.rsplit("/", 1)[1] for s in sections} == {
        "sitemap-posts.xml", "sitemap-categories.xml", "sitemap-tags.xml",
        "sitemap-authors.xml", "sitemap-products.xml",  # products: shop/apps.py
        "sitemap-stories.xml"}  # stories/apps.py
    posts = ET.fromstring(client.get("/sitemap-posts.xml").content)
    locs = {u.text for u in posts.findall("s:url/s:loc", SITEMAP_NS)}
    assert f"http://testserver{site.get_absolute_url()}" in locs
    assert len(locs) == Post.objects.published().count()

    Post.objects.exclude(pk=site.pk).update(published_at=timezone.now() - timedelta(days=3))
    Post.objects.filter(pk=site.pk).update(published_at=timezone.now() - timedelta(hours=2))
    news = ET.fromstring(client.get("/news-sitemap.xml").content)
    [entry] = news.findall("s:url", SITEMAP_NS)
    assert entry.find("n:news/n:title", SITEMAP_NS).text == ALIBABA
    assert entry.find("n:news/n:publication/n:name", SITEMAP_NS).text == "DramaWired"


def test_robots_txt_points_at_the_sitemaps(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
