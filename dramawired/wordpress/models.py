"""What an import remembers: which WordPress item and comment became which of ours (so a
second run updates, never duplicates), and the old site's addresses that now answer with a
permanent redirect."""

import hashlib
import re
from urllib.parse import unquote, urlsplit

from django.db import models

# The old site's posts and pages are told apart by the site they came from: two exports
# (a network's sites) both have a post 1.
SITE_LENGTH = 200


class SitePage(models.Model):
    """A page of the site that is no story ("About us", "Contact"): the old site's pages,
    editable in the admin, served at their own address. (django.contrib.flatpages needs
    django.contrib.sites, which would make the feeds and sitemaps name one fixed domain.)"""

    url = models.CharField("address", max_length=500, unique=True,
                           help_text="With leading and trailing slashes: /about/")
    title = models.CharField(max_length=500)
    content = models.TextField(blank=True, help_text="Sanitised HTML.")
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return f"{self.url} {self.title}"

    def get_absolute_url(self) -> str:
        return self.url


class ImportedItem(models.Model):
    site = models.CharField(max_length=SITE_LENGTH)
    wp_id = models.PositiveBigIntegerField()
    post_type = models.CharField(max_length=40)
    wp_status = models.CharField(max_length=20, blank=True)
    sticky = models.BooleanField(default=False, help_text="Sticky on the old site.")
    link = models.URLField(max_length=2000, blank=True, help_text="Its old address.")
    post = models.ForeignKey("news.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    page = models.ForeignKey("SitePage", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    # Attachments: the file's old address and, once downloaded (--media), ours.
    file_url = models.URLField(max_length=2000, blank=True)
    local_url = models.CharField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "wp_id"],
                                               name="wordpress_item_once_per_site")]

    def __str__(self) -> str:
        return f"{self.post_type} {self.wp_id} of {self.site}"


class ImportedComment(models.Model):
    site = models.CharField(max_length=SITE_LENGTH)
    wp_id = models.PositiveBigIntegerField()
    # "1", "0", "spam" or "trash" as the old site had it (we have no trash: held as spam).
    wp_state = models.CharField(max_length=10)
    comment = models.ForeignKey("comments.Comment", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "wp_id"],
                                               name="wordpress_comment_once_per_site")]

    def __str__(self) -> str:
        return f"comment {self.wp_id} of {self.site}"


def address_key(path: str) -> str:
    """The key an old address is found by: the path (percent-decoded, lower-case, without
    its trailing slash) and, for "/?p=1", its query."""
    parts = urlsplit(path)
    normal = re.sub(r"/{2,}", "/", unquote(parts.path)).lower().rstrip("/") or "/"
    if parts.query:
        normal += "?" + parts.query.lower()
    return hashlib.sha256(normal.encode()).hexdigest()


class OldAddress(models.Model):
    """An address of the old site and where it leads now: a post, page, category, tag or
    author (whose address follows any later change of slug), or a fixed URL."""

    key = models.CharField(max_length=64, unique=True)
    path = models.CharField(max_length=2000)
    post = models.ForeignKey("news.Post", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    page = models.ForeignKey("SitePage", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("news.Category", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey("news.Tag", null=True, blank=True, on_delete=models.CASCADE,
                            related_name="+")
    author = models.ForeignKey("news.Author", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    url = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name_plural = "old addresses"

    def __str__(self) -> str:
        return f"{self.path} → {self.target()}"

    def target(self) -> str:
        for obj in (self.post, self.page, self.category, self.tag, self.author):
            if obj is not None:
                return obj.get_absolute_url()
        return self.url
