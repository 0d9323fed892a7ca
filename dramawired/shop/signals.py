"""What moves when the shop changes: the footer's store pages are part of every page's
layout (news/generations.py), so editing one redraws pages; products feed the articles'
"Shop the story" block (story.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dramawired.news.generations import bump_layout

from . import story
from .models import Brand, Product, ProductImage, StorePage, Variant


@receiver([post_save, post_delete], sender=StorePage)
def store_page_changed(sender, **kwargs):
    bump_layout()


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=Variant)
@receiver([post_save, post_delete], sender=ProductImage)
@receiver([post_save, post_delete], sender=Brand)
def product_changed(sender, raw=False, **kwargs):
    if not raw:
        story.changed()
