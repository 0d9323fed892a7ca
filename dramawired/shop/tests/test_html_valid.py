"""The shop's page types pass the Nu Html Checker, as the news pages do."""

from dramawired.news.tests.test_html_valid import html_errors
from dramawired.shop.models import Order, ShippingMethod

from .shopping import add, checkout


def test_shop_pages_are_valid_html(client, tee, vinyl, shipping, tmp_path):
    add(client, tee, tee.variants.get(size="S"), 1)
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"))["Location"]
    away = client.post(summary)["Location"]
    urls = ["/shop/", "/shop/?q=zzz", "/shop/collection/apparel/", tee.get_absolute_url(),
            vinyl.get_absolute_url(), "/shop/cart/", "/shop/checkout/", summary, away,
            Order.objects.get().get_absolute_url(), "/shop/page/terms/"]
    pages = {}
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, url
        pages[url] = answer.content
    assert html_errors(pages, tmp_path) == []
