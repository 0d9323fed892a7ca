"""Retire cached pages and blocks when what they show changes (generations.py says which
change moves which generation)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dramawired.siteconfig.models import MenuItem, SiteSettings

from . import generations
from .generations import bump_layout, bump_post, bump_site
from .models import Author, Category, Post, Syndication, Tag


def _neighbours(post: Post) -> list[str]:
    """The published posts just before and after `post`: their Next/Previous links name
    it (or, once it is gone or moved, another post)."""
    if post.published_at is None:
        return []
    published = Post.objects.published().exclude(pk=post.pk).values_list("slug", flat=True)
    older = published.filter(published_at__lt=post.published_at).order_by("-published_at")
    newer = published.filter(published_at__gt=post.published_at).order_by("published_at")
    return [slug for slug in (older.first(), newer.first()) if slug]


@receiver([post_save, post_delete], sender=Post)
def post_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new post's page was never stored: its own generation need not move.
    if created:
        generations.created(instance.slug)
    for slug in [*([] if created else [instance.slug]), *([] if raw else _neighbours(instance))]:
        bump_post(slug)
    bump_site()  # home, archives and the sidebar list it


@receiver(m2m_changed, sender=Post.tags.through)
def post_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        bump_post(instance.slug)
    elif pk_set:  # tag.posts.add(...): the posts named
        for slug in Post.objects.filter(pk__in=pk_set).values_list("slug", flat=True):
            bump_post(slug)
    else:  # tag.posts.clear(): every post it had is gone from its list, which is not known
        bump_layout()
    bump_site()  # tag pages list it


@receiver([post_save, post_delete], sender=Syndication)
def reported_elsewhere(sender, instance, **kwargs):
    """The article's "Also reported by" changed."""
    if slug := Post.objects.filter(pk=instance.post_id).values_list("slug", flat=True).first():
        bump_post(slug)


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=Author)
def names_changed(sender, created=False, **kwargs):
    # A new one is on no article yet (a post that takes it moves its own generation);
    # renamed or deleted, every article naming it shows it.
    bump_site() if created else bump_layout()


@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuItem)
def layout_changed(sender, **kwargs):
    bump_layout()
