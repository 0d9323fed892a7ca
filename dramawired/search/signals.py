"""The index follows every publish, edit and delete: of a post, of its tags (the pipeline
sets them after creating the post, and loaddata after saving it), and renames of a tag or
an author, whose names are indexed with each of their posts."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from dramawired.news.models import Author, Post, Tag

from .index import reindex_posts, remove_posts


@receiver(post_save, sender=Post)
def post_saved(sender, instance, **kwargs):
    reindex_posts([instance.pk])


@receiver(post_delete, sender=Post)
def post_deleted(sender, instance, **kwargs):
    remove_posts([instance.pk])


@receiver(m2m_changed, sender=Post.tags.through)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # post.tags.add/remove/set/clear
        if action in ("post_add", "post_remove", "post_clear"):
            reindex_posts([instance.pk])
    elif action == "pre_clear":  # tag.posts.clear(): the posts are unknown afterwards
        instance._search_posts = list(instance.posts.values_list("pk", flat=True))
    elif action == "post_clear":
        reindex_posts(getattr(instance, "_search_posts", []))
    elif action in ("post_add", "post_remove"):
        reindex_posts(pk_set)


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Author)
def name_changed(sender, instance, created, raw, **kwargs):
    if not created and not raw:
        reindex_posts(instance.posts.values_list("pk", flat=True))


@receiver(pre_delete, sender=Tag)
@receiver(pre_delete, sender=Author)
def name_deleting(sender, instance, **kwargs):
    instance._search_posts = list(instance.posts.values_list("pk", flat=True))


@receiver(post_delete, sender=Tag)
@receiver(post_delete, sender=Author)
def name_deleted(sender, instance, **kwargs):
    reindex_posts(getattr(instance, "_search_posts", []))
