"""Feed discovery over real HTTP against the demo publishers: every outlet's home page
leads to its feed through <link rel="alternate">, a feed address is recognised as itself,
and a page that links no feed is a DiscoveryError."""

import pytest

from dramawired.demo.catalog import OUTLETS, articles
from dramawired.pipeline.discovery import DiscoveryError, discover
from dramawired.pipeline.fetch import FetchError, make_client
from dramawired.pipeline.policy import policy_from_settings


@pytest.fixture
def find(publishers):
    """discover() as `sources add` calls it; paths are on the demo publishers."""
    policy = policy_from_settings()
    with make_client(policy) as client:
        yield lambda path: discover(publishers.base_url + path, client, policy)


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_home_page_leads_to_the_outlets_feed(find, publishers, outlet):
    found = find(f"/{outlet.slug}/")
    assert found.feed_url == f"{publishers.base_url}/{outlet.slug}/feed"
    assert found.title == outlet.name
    assert found.site_url == f"{publishers.base_url}/{outlet.slug}/"


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_a_feed_address_is_its_own_feed(find, publishers, outlet):
    found = find(f"/{outlet.slug}/feed")
    assert found.feed_url == f"{publishers.base_url}/{outlet.slug}/feed"
    assert found.title == outlet.name


def test_an_article_page_leads_to_its_outlets_feed(find, publishers):
    article = articles()["panel-page"][0]
    found = find(article.path)
    assert found.feed_url == f"{publishers.base_url}/panel-page/feed"
    assert found.title == "Panel & Page"  # entities in the feed title decoded


@pytest.mark.parametrize("path", ["/", "/_broken/html-instead"])
def test_a_page_without_feed_links_is_an_error(find, path):
    with pytest.raises(DiscoveryError, match=r"no feed found .*rel=\"alternate\""):
        find(path)


def test_an_address_that_fails_is_a_fetch_error(find):
    with pytest.raises(FetchError, match="HTTP 404"):
        find("/no-such-outlet/")


def test_a_body_naming_a_local_file_is_never_read(tmp_path):
    """`sources add` parses what the address answers: an answer that is a path to a feed
    on our own disk must be no feed at all, never that file's content."""
    from dramawired.pipeline.tests.hostile import HostileServer

    secret = tmp_path / "secret.xml"
    secret.write_text('<rss version="2.0"><channel><title>Our secret</title><item>'
                      "<title>s</title><link>https://x.test/s</link></item></channel></rss>")
    policy = policy_from_settings()
    with HostileServer() as server, make_client(policy) as client:
        for path, body in [("/path", str(secret)), ("/file-url", f"file://{secret}")]:
            url = server.route(path, body=body.encode(),
                               headers={"Content-Type": "application/rss+xml"})
            with pytest.raises(DiscoveryError):
                discover(url, client, policy)
