"""--media: the old site's images fetched through the fetch rules from a real server on
loopback, stored under our media storage, the body and lead image pointing there, and the
old /wp-content/uploads/ addresses redirected."""

import pytest

from dramawired.news.models import Post
from dramawired.wordpress.models import ImportedItem

from .conftest import TESTDATA, run_import
from .loopback import OldSite

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
UPLOADS = "/wp-content/uploads/2024/05/"


@pytest.fixture
def old_site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    site = OldSite({UPLOADS + "harbour-cast.jpg": ("image/jpeg", JPEG),
                    UPLOADS + "harbour-cast-640x360.jpg": ("image/jpeg", JPEG),
                    # An "image" that is a page: never stored under our origin.
                    UPLOADS + "harbour-stage.png": ("image/png", b"<html><script>x</script>")})
    export = tmp_path / "export.xml"
    export.write_text((TESTDATA / "classic.xml").read_text().replace(
        "http://old.marquee.test", site.base_url))
    yield site, export
    site.stop()


@pytest.mark.django_db
def test_images_are_downloaded_and_served_from_our_storage(client, old_site, settings):
    site, export = old_site
    summary = run_import(export, media=True)
    post = Post.objects.get(slug="odile-brancato-glass-harbour-return")
    assert post.lead_image == "/media/wp/2024/05/harbour-cast.jpg"
    assert 'src="/media/wp/2024/05/harbour-cast-640x360.jpg"' in post.body
    assert (settings.MEDIA_ROOT / "wp/2024/05/harbour-cast.jpg").read_bytes() == JPEG
    assert summary.made["media"] == 2
    assert summary.skipped["media not downloaded: not an image"] == 1
    assert site.base_url + UPLOADS + "harbour-stage.png" in post.body  # left as it was
    assert ImportedItem.objects.get(wp_id=201).local_url == "/media/wp/2024/05/harbour-cast.jpg"
    served = client.get("/media/wp/2024/05/harbour-cast.jpg")
    assert served.status_code == 200 and b"".join(served.streaming_content) == JPEG
    moved = client.get(UPLOADS + "harbour-cast.jpg")
    assert (moved.status_code, moved["Location"]) == (301, "/media/wp/2024/05/harbour-cast.jpg")
    # A second run downloads nothing again.
    before = sum(site.hits.values())
    run_import(export, media=True)
    assert sum(site.hits.values()) - before == 1  # only the refused "image", asked again


@pytest.mark.django_db
def test_private_addresses_are_refused_by_the_fetch_rules(old_site, settings):
    site, export = old_site
    settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = False
    summary = run_import(export, media=True)
    post = Post.objects.get(slug="odile-brancato-glass-harbour-return")
    assert post.lead_image.startswith(site.base_url)  # kept, not fetched
    assert summary.skipped["media not downloaded: FetchError"] >= 2
    assert not site.hits


@pytest.mark.django_db
def test_without_media_nothing_is_fetched(old_site):
    site, export = old_site
    run_import(export)
    assert not site.hits
