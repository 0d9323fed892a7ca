"""The store front, product pages, their structured data, the sitemap and affiliate links."""

import json
import re
from decimal import Decimal

from dramawired.shop.models import Product

from .conftest import make_product


def _ld(page: str) -> dict:
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(ld)


def test_product_page_keeps_the_title_and_shows_offers(client, tee):
    page = client.get(tee.get_absolute_url()).content.decode()
    assert "Harbor Lights “Lantern” Tee — $25 &amp; up" in page
    assert "<script>alert(1)</script>" not in page and "<p>Soft cotton.</p>" in page
    assert '<meta property="og:type" content="product">' in page
    assert '<meta property="product:price:amount" content="25.00">' in page
    data = _ld(page)
    assert data["@type"] == "Product" and data["name"] == tee.title
    assert data["brand"]["name"] == "Harbor Lights"
    offers = {o["sku"]: o for o in data["offers"]}
    assert offers["HL-TEE-0"]["price"] == "25.00" and offers["HL-TEE-0"]["priceCurrency"] == "USD"
    assert offers["HL-TEE-0"]["availability"] == "https://schema.org/InStock"
    assert offers["HL-TEE-2"]["availability"] == "https://schema.org/OutOfStock"
    assert offers["HL-TEE-2"]["price"] == "27.50"
    assert "L / Navy — sold out" in page


def test_summary_is_the_cheapest_variant_and_stock(tee, db):
    tee.refresh_from_db()
    assert tee.price == Decimal("25.00") and tee.in_stock
    tee.variants.update(stock=0)
    tee.refresh_summary()
    assert not Product.objects.get(pk=tee.pk).in_stock


def test_store_front_search_sort_collections_and_paging(client, tee, poster, vinyl):
    page = client.get("/shop/").content.decode()
    assert all(p.title.replace("&", "&amp;") in page for p in (tee, poster, vinyl))
    by_price = client.get("/shop/?sort=price").content.decode()
    assert by_price.index("Night Moth Poster") < by_price.index("Glass Cathedral on Vinyl")
    by_price_desc = client.get("/shop/?sort=-price").content.decode()
    assert by_price_desc.index("Glass Cathedral") < by_price_desc.index("Night Moth Poster")
    found = client.get("/shop/?q=moth").content.decode()
    assert "Night Moth Poster" in found and "Glass Cathedral" not in found
    assert "No products match “zzz”" in client.get("/shop/?q=zzz").content.decode()
    apparel = client.get("/shop/collection/apparel/").content.decode()
    assert "Lantern" in apparel and "Night Moth Poster" not in apparel
    assert client.get("/shop/?sort=bogus").status_code == 200  # an unknown sort: the default
    assert client.get("/shop/?page=2").status_code == 404
    assert client.get("/shop/?page=x").status_code == 404
    assert client.get("/shop/collection/nope/").status_code == 404


def test_paging(client, db):
    for n in range(30):
        make_product(f"Sticker {n:02}", sku=f"ST{n}", variants=(("", "", "2.00", 1),))
    first = client.get("/shop/?sort=title").content.decode()
    second = client.get("/shop/?sort=title&page=2").content.decode()
    assert "Sticker 00" in first and "Sticker 29" not in first
    assert "Sticker 29" in second and 'rel="prev"' in second


def test_unpublished_products_are_hidden(client, poster):
    Product.objects.filter(pk=poster.pk).update(published=False)
    assert client.get(poster.get_absolute_url()).status_code == 404
    assert "Night Moth" not in client.get("/shop/").content.decode()


def test_affiliate_link_is_sponsored_disclosed_and_counted(client, vinyl):
    page = client.get(vinyl.get_absolute_url()).content.decode()
    assert "Affiliate link." in page and "Groove Records" in page
    assert f'href="/shop/go/{vinyl.slug}/" rel="sponsored nofollow"' not in page  # sold out
    vinyl.variants.update(available=True)
    vinyl.refresh_summary()
    page = client.get(vinyl.get_absolute_url()).content.decode()
    assert f'href="/shop/go/{vinyl.slug}/" rel="sponsored nofollow"' in page
    assert "Add to cart" not in page
    reader = {"HTTP_SEC_FETCH_SITE": "same-origin",
              "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"}
    answer = client.get(f"/shop/go/{vinyl.slug}/", **reader)
    assert answer.status_code == 302 and answer["Location"] == vinyl.affiliate_url
    client.get(f"/shop/go/{vinyl.slug}/", **reader)  # the same reader again: once a day
    client.get(f"/shop/go/{vinyl.slug}/", HTTP_SEC_FETCH_SITE="cross-site",
               HTTP_USER_AGENT=reader["HTTP_USER_AGENT"])  # another site's link
    client.get(f"/shop/go/{vinyl.slug}/", HTTP_SEC_FETCH_SITE="same-origin",
               HTTP_USER_AGENT="Googlebot/2.1")
    assert Product.objects.get(pk=vinyl.pk).click_count == 1


def test_own_products_have_no_merchant_link(client, poster):
    assert client.get(f"/shop/go/{poster.slug}/").status_code == 404


def test_products_are_in_the_sitemap(client, tee):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-products.xml" in index
    section = client.get("/sitemap-products.xml").content.decode()
    assert f"http://testserver{tee.get_absolute_url()}" in section
