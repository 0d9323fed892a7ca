"""A buyer's steps through the test client, shared by the checkout tests."""

from urllib.parse import urlsplit

ADDRESS = {"email": "ada@example.com", "name": "Ada Quill", "address": "1 Pier Road",
           "city": "Portsmouth", "postcode": "03801", "country": "us"}


def add(client, product, variant, quantity=1):
    return client.post(f"/shop/product/{product.slug}/add/",
                       {"variant": variant.pk, "quantity": quantity})


def checkout(client, method, **extra):
    """Details posted; returns the answer (a redirect to the summary when all is well)."""
    return client.post("/shop/checkout/", {**ADDRESS, "shipping": method.pk, **extra})


def pay_with_test_provider(client, summary_url: str) -> str:
    """From the summary to the test provider's page, paid, and back: the order's address."""
    away = client.post(summary_url)
    assert away.status_code == 302 and away["Location"].startswith("/shop/pay/test/")
    page = client.get(away["Location"]).content.decode()
    assert "This is a test payment page." in page
    back = client.post(away["Location"], {"action": "pay"})
    assert back.status_code == 302
    home = client.get(urlsplit(back["Location"])._replace(scheme="", netloc="").geturl())
    assert home.status_code == 302
    return home["Location"]
