"""Grouping each new post as the pipeline publishes it, and redrawing what shows a story
when an editor changes it."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dramawired.news import generations
from dramawired.pipeline.publish import post_published

from .grouping import group
from .models import Story

log = logging.getLogger("dramawired.stories")


@receiver(post_published)
def group_new_post(sender, post, article, **kwargs):
    """A new post joins its story. A failure here never loses the post (written in the
    same transaction): it is logged, rolled back alone, and the regrouping job files the
    post later."""
    try:
        with transaction.atomic():
            group(post, article.text, tuple(article.tags))
    except Exception:
        log.exception("post=%d not grouped", post.pk)


@receiver([post_save, post_delete], sender=Story)
def story_changed(sender, instance, **kwargs):
    """Pinned, hidden, retitled or gone: Top stories and the story's page change."""
    generations.bump_site()
