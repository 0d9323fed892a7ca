"""The comment model: threading capped at three levels, the tree an article shows, and
who is known (approved) already."""

import pytest

from dramawired.comments.models import MAX_DEPTH, Comment
from dramawired.comments.tree import for_post, thread
from dramawired.news.models import Post

from .conftest import approved


def test_replies_nest_three_levels_then_join_the_deepest_allowed_thread(post):
    top = approved(post)
    reply = approved(post, parent=top)
    reply2 = approved(post, parent=reply)
    reply3 = approved(post, parent=reply2)  # a fourth level would be too narrow
    assert MAX_DEPTH == 3
    assert [c.depth for c in (top, reply, reply2, reply3)] == [0, 1, 2, 2]
    assert reply3.parent == reply  # beside the comment it answered, in the same thread
    roots, shown = for_post(post)
    assert roots == [top] and shown == 4
    assert roots[0].children == [reply] and roots[0].children[0].children == [reply2, reply3]


def test_a_reply_stays_on_its_parents_post(post):
    other = Post.objects.create(title="Other", slug="other", url_key="k2",
                                original_url="https://pub.example/other")
    with pytest.raises(ValueError):
        approved(other, parent=approved(post))


def test_only_approved_comments_show_and_replies_to_hidden_ones_with_them(post):
    top = approved(post)
    held = Comment.objects.create(post=post, name="X", email="x@example.com", body="held")
    approved(post, parent=held, body="orphan")  # its parent is not shown
    approved(post, parent=top, body="kept")
    Comment.objects.create(post=post, name="S", body="spam", status=Comment.Status.SPAM)
    roots, shown = for_post(post)
    assert roots == [top] and shown == 2
    assert [c.body for c in roots[0].children] == ["kept"]


def test_thread_keeps_the_order_of_arrival():
    comments = [Comment(pk=n, parent_id=parent) for n, parent in
                [(1, None), (2, 1), (3, None), (4, 1), (5, 2)]]
    roots, shown = thread(comments)
    assert [c.pk for c in roots] == [1, 3] and shown == 5
    assert [c.pk for c in roots[0].children] == [2, 4]
    assert [c.pk for c in roots[0].children[0].children] == [5]


def test_known_readers_are_those_with_an_approved_comment(post, django_user_model):
    approved(post, email="Ben@Example.com")
    Comment.objects.create(post=post, name="P", email="pending@example.com", body="p")
    assert Comment.objects.known(email="ben@example.com")
    assert not Comment.objects.known(email="pending@example.com")
    assert not Comment.objects.known(email="")
    user = django_user_model.objects.create_user("cleo")
    assert not Comment.objects.known(user=user)
    approved(post, user=user, email="")
    assert Comment.objects.known(user=user)
