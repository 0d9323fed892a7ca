"""Forget the cached settings and menu when what they show changes: the settings, a menu
item, or a category a menu item links to (its address is cached with the menu). Signals,
not save() and delete(): a bulk delete in the admin and a category's cascade call neither."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CACHE_KEY, MenuItem, SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuItem)
@receiver([post_save, post_delete], sender="news.Category")
def forget_current(sender, **kwargs):
    cache.delete(CACHE_KEY)
