"""The comments area of an article page. The page asks for it here, so news never imports
comments: comments sit on posts and import news, never the reverse."""

from typing import NamedTuple

from django import template

from ..forms import CommentForm
from ..models import Comment
from ..tree import for_post

register = template.Library()


class Area(NamedTuple):
    comments: list[Comment]  # top level, oldest first, each with .children
    count: int  # every comment shown, replies included
    form: CommentForm


@register.simple_tag(takes_context=True)
def comment_area(context, post) -> Area:
    """`{% comment_area post as area %}`: the thread (one query, however many comments)
    and a form for this request's reader."""
    user = context["request"].user
    comments, count = for_post(post)
    return Area(comments, count, CommentForm(post=post, user=user if user.is_authenticated
                                             else None))
