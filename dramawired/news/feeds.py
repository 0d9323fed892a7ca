"""The site's own feeds (RSS 2.0 and Atom): everything, and per category, tag and author."""

import re
from html import escape

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, redirect
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from dramawired.siteconfig.models import current

from .models import Author, Category, Post, Tag, TagAlias

ITEMS = 30
# What XML 1.0 cannot carry (its Char production): C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value):
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(v) for v in value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    return value


class XmlSafe:
    """A feed of rows stored before the pipeline stripped control characters: one "\\x01"
    in a title, excerpt or author's name would make Django refuse the whole feed
    (UnserializableContentError, a 500). Everything written is cleaned here, once."""

    def write(self, outfile, encoding):
        self.feed, self.items = _xml_safe(self.feed), _xml_safe(self.items)
        super().write(outfile, encoding)


class RssFeed(XmlSafe, Rss201rev2Feed):
    pass


class AtomFeed(XmlSafe, Atom1Feed):
    pass


class LatestFeed(Feed):
    feed_type = RssFeed

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
        # An excerpt is text; a feed's description (RSS) and summary (Atom, type="html")
        # are HTML to readers: escaped here, "Tom <3 Jerry" stays text and a publisher's
        # "<a href=javascript:…>" stays words.
        return escape(item.excerpt)

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
    feed_type = AtomFeed
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
    """As the tag page: an alias's feed moves for good to its tag's, a blocked tag has none."""

    model, field = Tag, "tags"
    route = "tag-feed"

    def __call__(self, request, slug):
        if not Tag.objects.filter(slug=slug).exists() and (alias := TagAlias.objects.filter(
                slug=slug, tag__blocked=False).select_related("tag").first()):
            return redirect(self.route, alias.tag.slug, permanent=True)
        return super().__call__(request, slug=slug)

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug, blocked=False)


class AuthorFeed(ArchiveFeed):
    model, field = Author, "author"


class CategoryAtomFeed(CategoryFeed):
    feed_type = AtomFeed


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed
    route = "tag-atom"


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomFeed
