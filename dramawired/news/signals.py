"""Drop cached pages when what they show changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dramawired.siteconfig.models import MenuItem, SiteSettings

from .models import Author, Category, Post, Tag
from .pagecache import bump_post, bump_site


@receiver([post_save, post_delete], sender=Post)
def post_changed(sender, instance, **kwargs):
    bump_post(instance.slug)
    bump_site()  # home, archives, sidebars and next/previous links list it


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuItem)
@receiver(m2m_changed, sender=Post.tags.through)
def taxonomy_changed(sender, **kwargs):
    bump_site()
