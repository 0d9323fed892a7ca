"""`dramawired shop import` from a file and from a merchant on loopback (through the fetch
rules: the private-network guard refuses it unless allowed), and feeds refreshed by the
worker on a schedule, each claimed by one worker."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from dramawired.shop.feeds.refresh import claim_due
from dramawired.shop.models import Product, ProductFeed

from .loopback import TESTDATA
from .loopback import merchant as serve_merchant


@pytest.fixture
def merchant():
    server = serve_merchant()
    yield server
    server.shutdown()


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("shop", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_a_file(db):
    out, err = run("import", str(TESTDATA / "merchant_rss.xml"))
    assert "3 new, 0 updated, 0 unchanged, 3 failed" in out
    assert "BAD-EURO: price is in EUR" in err
    out, _ = run("import", str(TESTDATA / "merchant_rss.xml"))
    assert "0 new, 0 updated, 3 unchanged, 3 failed" in out


def test_import_errors_are_one_line(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run("import", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="broken XML"):
        run("import", str(TESTDATA / "broken.xml"))


def test_import_a_url_as_affiliate(db, merchant):
    out, _ = run("import", f"{merchant.base_url}/merchant_atom.xml", "--affiliate",
                 "--merchant", "Backlot")
    assert "1 new" in out and Product.objects.get().merchant == "Backlot"
    with pytest.raises(CommandError, match="HTTP 404"):
        run("import", f"{merchant.base_url}/nothing.xml")


@override_settings(DRAMAWIRED_ALLOW_PRIVATE_NETWORKS=False, DRAMAWIRED_ALLOWED_NETWORKS=())
def test_private_addresses_are_refused(db, merchant):
    with pytest.raises(CommandError, match="private"):
        run("import", f"{merchant.base_url}/merchant_atom.xml")
    assert merchant.hits == [] and not Product.objects.exists()


def test_scheduled_feed_refreshed_by_the_worker(db, merchant, run_jobs):
    run("feeds", "add", f"{merchant.base_url}/merchant.tsv", "--name", "Quill & Key",
        "--every", "60")
    out, _ = run("feeds", "list")
    assert "Quill & Key" in out and "never run" in out
    from dramawired.shop.jobs import dispatch_product_feeds

    dispatch_product_feeds.call_local()
    assert run_jobs() == 1
    feed = ProductFeed.objects.get()
    assert feed.last_summary == "2 new, 0 updated, 0 unchanged, 1 failed"
    assert "QK-TEE-L" in feed.last_error and feed.claim == "" and feed.next_attempt
    assert Product.objects.filter(feed=feed).count() == 2
    assert claim_due() == []  # not due again for an hour


def test_a_feed_is_claimed_once(db):
    ProductFeed.objects.create(name="One", url="http://127.0.0.1:9/feed.xml")
    assert len(claim_due()) == 1
    assert claim_due() == []  # the first claim is alive


def test_a_failing_feed_says_why(db, merchant):
    from dramawired.shop.feeds.refresh import refresh

    feed = ProductFeed.objects.create(name="Gone", url=f"{merchant.base_url}/gone.xml")
    refresh(feed)
    feed.refresh_from_db()
    assert feed.last_summary == "failed" and "HTTP 404" in feed.last_error


def test_refresh_now_from_the_admin(admin_client, merchant, run_jobs):
    feed = ProductFeed.objects.create(name="Mugs", url=f"{merchant.base_url}/merchant.csv")
    admin_client.post("/admin/shop/productfeed/", {"action": "refresh_now",
                                                   "_selected_action": [feed.pk]})
    assert run_jobs() == 1
    assert ProductFeed.objects.get().last_summary.startswith("2 new")
