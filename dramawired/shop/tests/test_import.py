"""Product feeds imported: Merchant Center RSS and Atom (g: namespace), TSV and CSV;
variants by item group; re-imports update in place and keep editors' changes; bad rows
answered one by one; broken or hostile XML refused whole, changing nothing."""

from decimal import Decimal

import pytest

from dramawired.shop.feeds.importer import import_feed
from dramawired.shop.feeds.parse import FeedError
from dramawired.shop.models import Product, Variant

from .loopback import TESTDATA

HOODIE = "Lantern Row Hoodie — “Dock 9” & Co. $"


def feed(name: str) -> bytes:
    return (TESTDATA / name).read_bytes()


def test_rss_feed_with_variants_and_bad_rows(db):
    report = import_feed(feed("merchant_rss.xml"), base_url="https://goods.example/")
    assert (report.new, report.updated, report.unchanged, report.failed) == (3, 0, 0, 3)
    assert any("BAD-EURO: price is in EUR; the shop sells in USD" in e for e in report.errors)
    assert any("BAD-PRICE" in e and "not an amount" in e for e in report.errors)
    assert any(e.startswith("item 6: no id") for e in report.errors)
    hoodie = Product.objects.get(title=HOODIE)
    assert hoodie.brand.name == "Lantern Row" and hoodie.kind == "own"
    assert hoodie.story_names == "Lantern Row, Ivy Castell"
    assert [c.name for c in hoodie.collections.all()] == ["Apparel"]
    assert "<b>Dock 9</b>" in hoodie.description and "script" not in hoodie.description
    assert [i.url for i in hoodie.images.all()] == ["https://goods.example/img/hoodie.jpg",
                                                    "https://goods.example/img/hoodie-back.jpg"]
    small, medium = hoodie.variants.all()
    assert (small.sku, small.size, small.colour) == ("LR-HOOD-S", "S", "Charcoal")
    assert small.price == Decimal("49.50") and small.compare_at_price == Decimal("59.00")
    assert small.stock == 4 and small.buyable and not medium.buyable and medium.stock == 0
    assert hoodie.price == Decimal("49.50") and hoodie.in_stock
    poster = Product.objects.get(external_id="TN-POSTER")
    assert poster.title == "東京ナイト Poster" and poster.price == Decimal("18.00")
    assert poster.description == "A print of the skyline."


def test_reimport_updates_in_place_and_keeps_editors_changes(db):
    import_feed(feed("merchant_rss.xml"))
    again = import_feed(feed("merchant_rss.xml"))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    hoodie = Product.objects.get(external_id="LR-HOOD")
    Product.objects.filter(pk=hoodie.pk).update(title="Dock 9 Hoodie (editor's title)",
                                                edited=["title"])
    changed = feed("merchant_rss.xml").replace(b"<g:quantity>4</g:quantity>",
                                               b"<g:quantity>9</g:quantity>")
    changed = changed.replace(b"<g:price>18 USD</g:price>", b"<g:price>16.00 USD</g:price>")
    report = import_feed(changed)
    assert (report.new, report.updated, report.unchanged) == (0, 2, 1)
    hoodie.refresh_from_db()
    assert hoodie.title == "Dock 9 Hoodie (editor's title)"
    assert Variant.objects.get(sku="LR-HOOD-S").stock == 9
    assert Product.objects.get(external_id="TN-POSTER").price == Decimal("16.00")
    assert Product.objects.count() == 2 and Variant.objects.count() == 3


def test_removed_rows_delete_nothing(db):
    import_feed(feed("merchant_rss.xml"))
    import_feed(feed("merchant_atom.xml"), kind="affiliate")
    import_feed(feed("merchant_rss.xml").split(b"<item>")[0] + b"</channel></rss>")
    assert Product.objects.count() == 3


def test_atom_affiliate_feed(db):
    report = import_feed(feed("merchant_atom.xml"), kind="affiliate", merchant="Backlot")
    assert (report.new, report.failed) == (1, 1)
    assert "BL-EA-CAP: link 'javascript:alert(1)' is not an http(s) address" in report.errors[0]
    record = Product.objects.get()
    assert record.title == "Ember & Ash — Live at Pier 40 (2×LP)"
    assert record.affiliate_url == "https://backlot.example/ember-ash-live"
    assert record.is_affiliate and record.merchant == "Backlot" and record.in_stock


def test_tsv_and_csv(db):
    report = import_feed(feed("merchant.tsv"))
    assert (report.new, report.failed) == (2, 1)
    assert "QK-TEE-L: quantity 'lots'" in report.errors[0] and "line 4" in report.errors[0]
    assert Product.objects.get(external_id="QK-MUG").title == "Quill & Key Mug — 12 oz"
    assert Product.objects.get(external_id="QK-TEE").variants.get().size == "S"
    report = import_feed(feed("merchant.csv"))
    assert (report.new, report.failed) == (2, 0)
    assert Product.objects.filter(title='Pocket Notebook, "Cliffhanger" edition').exists()
    assert not Product.objects.get(external_id="CSV-2").in_stock


@pytest.mark.parametrize("name, message", [
    ("broken.xml", "broken XML"),
    ("entities.xml", "DOCTYPE"),
])
def test_broken_or_hostile_xml_changes_nothing(db, name, message):
    import_feed(feed("merchant.csv"))
    with pytest.raises(FeedError, match=message):
        import_feed(feed(name))
    assert Product.objects.count() == 2


def test_external_entities_are_never_read(db):
    hostile = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<rss><channel><item><g:id xmlns:g="http://base.google.com/ns/1.0">A</g:id>'
               b"<title>&x;</title></item></channel></rss>")
    with pytest.raises(FeedError):
        import_feed(hostile)


def test_not_a_product_feed(db):
    with pytest.raises(FeedError, match="not a product feed"):
        import_feed(b"<html><body>hello</body></html>")
    with pytest.raises(FeedError, match="no 'id' column"):
        import_feed(b"name,price\nx,1.00 USD\n")


def test_sku_of_another_product_is_refused(db):
    import_feed(feed("merchant.csv"))
    clash = b"id,item_group_id,title,price,availability\nCSV-1,OTHER,Other,1.00 USD,in_stock\n"
    report = import_feed(clash)
    assert report.failed == 1 and "belongs to another product" in report.errors[0]
    assert Variant.objects.get(sku="CSV-1").product.external_id == "CSV-1"


def test_absurd_prices_are_refused(db):
    rows = (b"id,title,price,availability\nA,Too dear,123456789012.00 USD,in_stock\n"
            b"B,Negative,-5.00 USD,in_stock\nC,Bare number,5.00,in_stock\n")
    report = import_feed(rows)
    assert report.failed == 3 and Product.objects.count() == 0
