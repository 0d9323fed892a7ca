"""What editors set about the site itself: its name and wording, and the menu."""

from django.core.cache import cache
from django.db import models

CACHE_KEY = "siteconfig:v1"


class SiteSettings(models.Model):
    """One row: the site's name, wording and choices, edited in the admin."""

    name = models.CharField(max_length=100, default="DramaWired")
    tagline = models.CharField(max_length=200, default="Entertainment news, as it breaks")
    logo_url = models.CharField(max_length=500, blank=True,
                                help_text="Empty: the site name is the logo.")
    base_url = models.URLField(
        max_length=200, default="http://127.0.0.1:8000",
        help_text="The public address, for feeds, sitemaps and share links.")
    disclaimer = models.TextField(
        default="DramaWired is a content aggregator and not responsible for the content of "
                "external sites.")
    canonical_to_source = models.BooleanField(
        default=True, help_text="Canonical link points at the original article (else at us).")
    posts_per_page = models.PositiveSmallIntegerField(default=12)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton
        super().save(*args, **kwargs)


class MenuItem(models.Model):
    label = models.CharField(max_length=60)
    category = models.ForeignKey("news.Category", null=True, blank=True,
                                 on_delete=models.CASCADE, help_text="Links to its page…")
    url = models.CharField(max_length=300, blank=True, help_text="…or to this address.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return self.category.get_absolute_url() if self.category_id else (self.url or "/")


def current() -> tuple[SiteSettings, list[tuple[str, str]]]:
    """(settings, [(label, url)…]) for every page; cached, forgotten when edited
    (signals.py)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        settings = SiteSettings.objects.first() or SiteSettings()
        menu = [(m.label, m.get_absolute_url())
                for m in MenuItem.objects.select_related("category")]
        found = (settings, menu)
        cache.set(CACHE_KEY, found, 3600)
    return found
