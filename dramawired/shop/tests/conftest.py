"""Products and shipping written in our own words, for the shop's tests."""

from decimal import Decimal

import pytest

from dramawired.shop.models import (
    Brand,
    Collection,
    Product,
    ProductImage,
    ShippingMethod,
    TaxRate,
    Variant,
)


def make_product(title, *, kind="own", variants=(("", "", "20.00", 5),), sku="SKU",
                 **fields) -> Product:
    product = Product.objects.create(title=title, kind=kind, **fields)
    for n, (size, colour, price, stock) in enumerate(variants):
        Variant.objects.create(product=product, sku=f"{sku}-{n}", size=size, colour=colour,
                               price=Decimal(price), stock=stock, position=n)
    product.refresh_summary()
    return product


@pytest.fixture
def tee(db):
    """An own product with three sizes; the large one sold out."""
    brand = Brand.objects.create(name="Harbor Lights")
    product = make_product(
        "Harbor Lights “Lantern” Tee — $25 & up", brand=brand, sku="HL-TEE",
        story_names="Harbor Lights, Mara Quill",
        description="<p>Soft cotton.</p><script>alert(1)</script>",
        variants=(("S", "Navy", "25.00", 3), ("M", "Navy", "25.00", 1), ("L", "Navy", "27.50", 0)))
    ProductImage.objects.create(product=product, url="http://127.0.0.1/img/tee.svg", alt="Tee")
    product.collections.add(Collection.objects.create(name="Apparel", slug="apparel"))
    return product


@pytest.fixture
def poster(db):
    return make_product("Night Moth Poster", sku="NM-POSTER",
                        variants=(("", "", "12.00", 10),))


@pytest.fixture
def vinyl(db):
    """An affiliate product: bought at its merchant."""
    product = make_product("Glass Cathedral on Vinyl", kind="affiliate", sku="GC-LP",
                           merchant="Groove Records",
                           affiliate_url="https://records.example/glass-cathedral?ref=dw",
                           story_names="Nova Reyes", variants=(("", "", "31.99", 0),))
    product.variants.update(available=False)  # the merchant is out of it, for now
    product.refresh_summary()
    return product


@pytest.fixture
def shipping(db):
    ShippingMethod.objects.create(name="Standard (US)", countries="US", rate=Decimal("5.00"),
                                  free_over=Decimal("100.00"))
    ShippingMethod.objects.create(name="International", countries="", rate=Decimal("15.00"))
    TaxRate.objects.create(name="Sales tax", country="US", percent=Decimal("8.25"))
