"""Redraw an article's cached page when the comments it shows change: a comment approved
(on arrival, or by staff), unapproved, edited while approved, or deleted. A comment that
arrives held for moderation changes nothing a reader sees, and redraws nothing."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dramawired.news.generations import bump_post
from dramawired.news.models import Post

from .models import Comment

APPROVED = Comment.Status.APPROVED


def _bump(comment: Comment) -> None:
    # By id: when a post is deleted, its comments go with it and the row may be gone.
    if slug := Post.objects.filter(pk=comment.post_id).values_list("slug", flat=True).first():
        bump_post(slug)


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, raw=False, **kwargs):
    if not raw and APPROVED in (instance.status, getattr(instance, "saved_status", None)):
        _bump(instance)
    instance.saved_status = instance.status


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance, **kwargs):
    if instance.status == APPROVED:
        _bump(instance)
