"""The Shop news category goes: "Shop" in the menu now leads to the store (/shop/), and
the posts filed under it move to the category that fits them, the one most of the posts
sharing their tags are filed under (Uncategorized when their tags tell nothing). New
posts from a feed that says "Shop" are filed by what they are about (the classifier
learns only the categories there are)."""

from collections import Counter

from django.db import migrations


def move(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    Post = apps.get_model("news", "Post")
    MenuItem = apps.get_model("siteconfig", "MenuItem")
    shop = Category.objects.filter(slug="shop").first()
    if shop is None:
        return
    # Before the category goes: a menu item linking it would go with it (CASCADE).
    MenuItem.objects.filter(category=shop).update(category=None, url="/shop/")
    fallback = Category.objects.filter(slug="uncategorized").first()
    through = Post.tags.through
    for post in Post.objects.filter(category=shop).only("pk"):
        tags = through.objects.filter(post_id=post.pk).values_list("tag_id", flat=True)
        around = Counter(Post.objects.filter(tags__in=list(tags)).exclude(pk=post.pk)
                         .exclude(category__isnull=True)
                         .exclude(category__slug__in=["shop", "uncategorized"])
                         .values_list("category_id", flat=True))
        best = around.most_common(1)[0][0] if around else (fallback.pk if fallback else None)
        Post.objects.filter(pk=post.pk).update(category_id=best)
    shop.delete()
    _forget_cached_menu()


def _forget_cached_menu():
    """Pages and the menu are cached outside the database: they are drawn again."""
    try:
        from dramawired.news.generations import bump_layout
        from dramawired.siteconfig.models import CACHE_KEY
        from django.core.cache import cache

        cache.delete(CACHE_KEY)
        bump_layout()
    except Exception:  # no cache reachable while migrating: entries expire on their own
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_store_pages"),
        ("news", "0007_serving_indexes"),
        ("siteconfig", "0001_initial"),
        ("pipeline", "0004_category_descriptions"),
        ("sources", "0003_source_extraction_rules"),
    ]
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
