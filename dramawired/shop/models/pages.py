"""The pages a store needs (terms, returns, privacy, contact), edited in the admin and
linked from every page's footer."""

from django.db import models
from django.urls import reverse


class StorePage(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    body = models.TextField(help_text="HTML: sanitised when shown.")
    in_footer = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shop:page", args=[self.slug])
