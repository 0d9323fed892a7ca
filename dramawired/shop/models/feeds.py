"""Product feeds registered to refresh on a schedule, claimed as news sources are (one
conditional UPDATE: of two workers, one polls it)."""

from django.db import models


class ProductFeed(models.Model):
    name = models.CharField(max_length=120, unique=True)
    url = models.URLField(max_length=1000, unique=True)
    kind = models.CharField(max_length=10, default="own",
                            choices=[("own", "Sold here"), ("affiliate", "Affiliate")],
                            help_text="What the feed's products are.")
    merchant = models.CharField(max_length=120, blank=True,
                                help_text="Affiliate feeds: the merchant's name.")
    enabled = models.BooleanField(default=True)
    interval = models.PositiveIntegerField(default=360, help_text="Minutes between refreshes.")
    next_attempt = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_run = models.DateTimeField(null=True, blank=True, editable=False)
    last_summary = models.CharField(max_length=300, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
