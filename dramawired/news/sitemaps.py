"""sitemap.xml (an index over sections, 50,000 URLs a page as the protocol allows) and a
Google News sitemap of the last two days' posts (Google's limit: 48 hours, 1,000 URLs)."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from dramawired.siteconfig.models import current

from .models import Author, Category, Post, Tag


class PostSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000  # the protocol allows 50,000; smaller pages render and fetch faster

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every post; one MAX() query does the same.
        return Post.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Category.objects.all()


class TagSitemap(Sitemap):
    changefreq = "daily"
    limit = 50_000

    def items(self):
        return Tag.objects.filter(posts__isnull=False).distinct().order_by("slug")


class AuthorSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Author.objects.filter(posts__isnull=False).distinct().order_by("slug")


SITEMAPS = {"posts": PostSitemap, "categories": CategorySitemap, "tags": TagSitemap,
            "authors": AuthorSitemap}


def news_sitemap(request):
    since = timezone.now() - timedelta(hours=48)
    posts = (Post.objects.published().filter(published_at__gte=since)
             .only("slug", "title", "published_at")[:1000])
    return render(request, "news/news_sitemap.xml", {"posts": posts, "site_settings": current()[0]},
                  content_type="application/xml; charset=utf-8")
