from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.cache import cache_page

from . import feeds
from .sitemaps import SITEMAPS, news_sitemap
from .views import archive, article, home, robots

SITEMAP_TTL = 900  # crawlers read sitemaps every few hours; a 15-minute-old one is fresh

urlpatterns = [
    path("", home.home, name="home"),
    path("category/<slug:slug>/", archive.category, name="category"),
    path("tag/<str:slug>/", archive.tag, name="tag"),
    path("author/<str:slug>/", archive.author, name="author"),
    path("feed/", feeds.LatestFeed(), name="feed"),
    path("feed/atom/", feeds.LatestAtomFeed(), name="feed-atom"),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("category/<slug:slug>/feed/atom/", feeds.CategoryAtomFeed(), name="category-atom"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path("author/<str:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path("author/<str:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author-atom"),
    path("sitemap.xml", cache_page(SITEMAP_TTL)(sitemap_index),
         {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", cache_page(SITEMAP_TTL)(sitemap), {"sitemaps": SITEMAPS},
         name="sitemap-section"),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    path("robots.txt", robots.robots, name="robots"),
    # Last: an article's address is its slug, as on the site we replace.
    path("<str:slug>/", article.article, name="article"),
]
