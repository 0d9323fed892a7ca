"""The article's cached page follows its comments, and costs the same queries whatever
their number."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dramawired.comments.models import Comment
from dramawired.siteconfig.models import current

from .conftest import approved, send


def get(client, post):
    response = client.get(post.get_absolute_url())
    return response["X-Cache"], response.content.decode()


def test_the_cached_article_shows_each_change_to_its_comments(client, post):
    assert get(client, post)[0] == "miss"
    assert get(client, post)[0] == "hit"

    send(client, post, body="Waiting words")  # held: the page stays as it was
    assert get(client, post)[0] == "hit"

    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED  # one by one, as the admin's form does
    comment.save()
    cache, page = get(client, post)
    assert cache == "miss" and "Waiting words" in page and "<strong>1</strong> COMMENTS" in page

    send(client, post, body="Straight in")  # known now: approved at once
    cache, page = get(client, post)
    assert cache == "miss" and "Straight in" in page

    Comment.objects.filter(body="Straight in").set_status(Comment.Status.SPAM)  # in bulk
    cache, page = get(client, post)
    assert cache == "miss" and "Straight in" not in page

    Comment.objects.get(body="Waiting words").delete()
    cache, page = get(client, post)
    assert cache == "miss" and "Waiting words" not in page and "No comments yet." in page


def test_comment_queries_do_not_grow_with_the_comments(client, post, django_user_model):
    current()  # site settings cached, as on a live site

    def queries() -> tuple[int, str]:
        cache.clear()  # a fresh render, not the cached page
        current()
        with CaptureQueriesContext(connection) as run:
            response = client.get(post.get_absolute_url())
        return len(run), response.content.decode()

    empty, page = queries()
    assert "No comments yet." in page
    users = [django_user_model.objects.create_user(f"u{n}", is_staff=n == 0) for n in range(3)]
    for n in range(12):
        top = approved(post, body=f"top {n}", user=users[n % 3])
        reply = approved(post, parent=top, body=f"reply {n}")
        approved(post, parent=approved(post, parent=reply), body=f"deep {n}")
    count, page = queries()
    assert count == empty and "deep 11" in page and "<strong>48</strong> COMMENTS" in page
