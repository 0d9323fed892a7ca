"""The comments area of an article page. The page asks for it here, so news never imports
comments: comments sit on posts and import news, never the reverse."""

from typing import NamedTuple

from django import template

from ..forms import CommentForm
from ..models import Comment
from ..tree import for_post

register = template.Library()


class Thread(NamedTuple):
    comments: list[Comment]  # top level, oldest first, each with .children
    count: int  # every comment shown, replies included


@register.simple_tag
def comment_thread(post) -> Thread:
    """`{% comment_thread post as thread %}`: the thread, one query however many comments;
    the same for every reader (the article page keeps it with the post's generation)."""
    return Thread(*for_post(post))


@register.simple_tag(takes_context=True)
def comment_form(context, post) -> CommentForm:
    """`{% comment_form post as form %}`: a form for this request's reader."""
    user = context["request"].user
    return CommentForm(post=post, user=user if user.is_authenticated else None)
