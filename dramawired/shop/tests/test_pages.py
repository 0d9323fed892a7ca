"""The store's pages: seeded, edited in the admin, sanitised, linked from every footer."""

from dramawired.shop.models import StorePage


def test_store_pages_are_linked_from_the_footer(client, db):
    home = client.get("/").content.decode()
    for slug in ("terms", "returns", "privacy", "contact"):
        assert f'href="/shop/page/{slug}/"' in home
        assert client.get(f"/shop/page/{slug}/").status_code == 200
    assert "30 days" in client.get("/shop/page/returns/").content.decode()


def test_an_editors_page_is_sanitised(client, db):
    StorePage.objects.filter(slug="contact").update(
        body='<p>Write to <a href="mailto:shop@example.com">us</a></p><script>x()</script>'
             '<img src="x" onerror="steal()">')
    page = client.get("/shop/page/contact/").content.decode()
    assert "Write to" in page
    assert "<script>x()</script>" not in page and "onerror" not in page


def test_pages_are_edited_in_the_admin(admin_client, db):
    page = StorePage.objects.get(slug="terms")
    answer = admin_client.post(f"/admin/shop/storepage/{page.pk}/change/", {
        "title": "Terms & conditions", "slug": "terms", "body": "<p>New terms.</p>",
        "position": 0})
    assert answer.status_code == 302
    page = admin_client.get("/shop/page/terms/").content.decode()
    assert "Terms &amp; conditions" in page and "New terms." in page
