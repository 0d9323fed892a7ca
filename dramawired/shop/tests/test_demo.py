"""The demo's shop, fed by the demo publishers' product feeds, and the menu's Shop."""

import hashlib
from importlib import import_module

from django.apps import apps

from dramawired.news.models import Category, Post, Tag
from dramawired.shop import demo
from dramawired.shop.models import Product, ProductFeed
from dramawired.siteconfig.models import MenuItem

move = import_module("dramawired.shop.migrations.0003_shop_category_goes").move


def test_the_menus_shop_is_the_store(client, db):
    assert not Category.objects.filter(slug="shop").exists()
    item = MenuItem.objects.get(label="Shop")
    assert item.get_absolute_url() == "/shop/" and item.category is None
    assert 'href="/shop/"' in client.get("/").content.decode()


def _post(title: str, category, tags: list[str]) -> Post:
    post = Post.objects.create(title=title, slug=hashlib.md5(title.encode()).hexdigest()[:10],
                               original_url="https://news.example/" + title[:8],
                               url_key=hashlib.sha256(title.encode()).hexdigest(),
                               category=category)
    post.tags.set(Tag.for_names(tags))
    return post


def test_shop_posts_move_to_the_category_their_tags_are_filed_under(db):
    music = Category.objects.get(slug="music")
    shop = Category.objects.create(name="Shop", slug="shop", position=80)
    MenuItem.objects.create(label="Shop", category=shop, position=80)
    _post("Nova Reyes tour dates", music, ["Nova Reyes"])
    _post("Nova Reyes wins an award", music, ["Nova Reyes"])
    vinyl = _post("Nova Reyes vinyl pressings", shop, ["Nova Reyes", "Vinyl"])
    alone = _post("A sale with no names", shop, [])
    move(apps, None)
    assert Post.objects.get(pk=vinyl.pk).category == music
    assert Post.objects.get(pk=alone.pk).category.slug == "uncategorized"
    assert not Category.objects.filter(slug="shop").exists()
    assert MenuItem.objects.filter(label="Shop", url="/shop/").count() == 2


def test_demo_publishers_feed_the_shop(db, publishers, client):
    lines = demo.setup(publishers.base_url)
    assert lines == ["DramaWired merch: 8 new, 0 updated, 0 unchanged, 0 failed",
                     "Groove Records: 2 new, 0 updated, 0 unchanged, 0 failed",
                     "Backlot Video: 1 new, 0 updated, 0 unchanged, 0 failed"]
    assert ProductFeed.objects.count() == 3
    tee = Product.objects.get(title="Harbor Lights “Beacon” Tour Tee")
    assert tee.variants.count() == 4 and not tee.variants.get(size="L").buyable
    pin = Product.objects.get(title="Crown of Ash Dragon Enamel Pin")
    assert not pin.in_stock  # the one sold out
    vinyl = Product.objects.get(title="Nova Reyes — Glasshouse (Clear Vinyl)")
    assert vinyl.is_affiliate and vinyl.merchant == "Groove Records"
    merchant = client.get(f"/shop/go/{vinyl.slug}/")["Location"]
    assert merchant == f"{publishers.base_url}/merch/item/GR-GLASSHOUSE-LP"
    import httpx

    assert "Sold by Groove Records" in httpx.get(merchant).text
    again = demo.setup(publishers.base_url)
    assert again[0] == "DramaWired merch: 0 new, 0 updated, 8 unchanged, 0 failed"
