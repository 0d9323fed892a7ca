"""A post to comment on, and a guest's comment as a browser would send it."""

import time

import pytest
from django.core import signing
from django.utils import timezone

from dramawired.comments import spam
from dramawired.comments.models import Comment
from dramawired.news.models import Post

ORIGIN = "http://testserver"


@pytest.fixture
def post(db):
    return Post.objects.create(title="Nova Reyes adds a date", slug="nova-reyes-adds-a-date",
                               url_key="k1", original_url="https://pub.example/nova",
                               body="<p>The story.</p>",
                               published_at=timezone.now().replace(microsecond=0))


def form_time(post, seconds_ago: float = 10) -> str:
    """The signed render time of a form drawn `seconds_ago`."""
    return signing.dumps([post.pk, int(time.time() - seconds_ago)], salt=spam.SALT)


def guest_form(post, **fields) -> dict:
    return {"name": "Ana", "email": "ana@example.com", "website": "", "body": "Great story!",
            "parent": "", "contact": "", "ts": form_time(post), **fields}


def send(client, post, headers=None, ip="127.0.0.1", **fields):
    """POST a guest's comment from the article page (Origin: our own site)."""
    return client.post(f"/comments/post/{post.pk}/", guest_form(post, **fields),
                       headers={"Origin": ORIGIN, **(headers or {})}, REMOTE_ADDR=ip)


def approved(post, body="Approved words", parent=None, **fields) -> Comment:
    return Comment.objects.create(post=post, parent=parent, body=body,
                                  status=Comment.Status.APPROVED,
                                  **{"name": "Ben", "email": "ben@example.com", **fields})
