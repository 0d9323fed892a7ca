"""The site's own feeds (RSS 2.0 and Atom): everything, and per category, tag and author."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from dramawired.siteconfig.models import current

from .models import Author, Category, Post, Tag

ITEMS = 30


class LatestFeed(Feed):
    def title(self, obj=None):
        site = current()[0]
        return f"{site.name} — {obj}" if obj else site.name

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else "/"

    def description(self, obj=None):
        return current()[0].tagline

    def posts(self, obj):
        return Post.objects.published().select_related("author", "category")

    def items(self, obj=None):
        return self.posts(obj)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.excerpt

    def item_author_name(self, item):
        return item.author.name if item.author_id else None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class ArchiveFeed(LatestFeed):
    """One archive's posts: `model` is found by the URL's slug, posts filtered on `field`."""

    model = None
    field = ""

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def posts(self, obj):
        return super().posts(obj).filter(**{self.field: obj})


class CategoryFeed(ArchiveFeed):
    model, field = Category, "category"


class TagFeed(ArchiveFeed):
    model, field = Tag, "tags"


class AuthorFeed(ArchiveFeed):
    model, field = Author, "author"


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
