"""The pages a store needs (terms, returns, privacy, contact), edited in the admin and
linked from every page's footer by their slugs (templates/shop/_footer_links.html: fixed
links, so drawing the footer costs no query)."""

from django.db import models
from django.urls import reverse


class StorePage(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    body = models.TextField(help_text="HTML: sanitised when shown.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shop:page", args=[self.slug])
