"""Posting, the poster's "awaiting moderation" page, replying without JavaScript, and the
two CSRF paths: guests by Origin and the signed render time, logged-in readers by token."""

import re

import pytest
from django.test import Client

from dramawired.comments.models import Comment
from dramawired.news.models import Post

from .conftest import ORIGIN, approved, guest_form, send


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_a_guests_first_comment_waits_and_they_are_told(client, post):
    response = send(client, post, body="First!")
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.ip_address == "127.0.0.1"
    assert response.status_code == 302
    assert response["Location"].startswith("/comments/pending/")
    pending = client.get(response["Location"])
    assert pending["Cache-Control"].startswith("max-age=0")
    text = pending.content.decode()
    assert "Your comment is awaiting moderation." in text and "First!" in text
    assert 'href="/nova-reyes-adds-a-date/#comments"' in text
    assert "First!" not in page(client, post.get_absolute_url())  # not published yet
    # Once approved, the same address leads to the comment on the article.
    comment.status = "approved"
    comment.save()
    assert client.get(response["Location"])["Location"] == f"/{post.slug}/#comment-{comment.pk}"


def test_the_pending_page_is_only_for_the_poster(client, post):
    held = Comment.objects.create(post=post, name="H", body="held")
    page(client, f"/comments/pending/{held.pk}/", status=404)
    page(client, "/comments/pending/1:abc:def/", status=404)


def test_an_approved_guest_posts_directly(client, post):
    approved(post, email="ana@example.com")
    response = send(client, post, body="Again me", email="ANA@example.com")
    comment = Comment.objects.get(body="Again me")
    assert comment.status == "approved"
    assert response["Location"] == f"/{post.slug}/#comment-{comment.pk}"
    article = page(client, post.get_absolute_url())
    assert "Again me" in article and f'id="comment-{comment.pk}"' in article
    assert "<strong>2</strong> COMMENTS" in article


def test_article_shows_the_form_and_an_empty_thread(client, post):
    article = page(client, post.get_absolute_url())
    for text in ["Leave a Reply", "Cancel reply", "No comments yet.",
                 "Your email address will not be published. Required fields are marked",
                 f'action="/comments/post/{post.pk}/"', 'name="ts"', 'name="contact"',
                 "<strong>0</strong> COMMENTS", "js/comments.js"]:
        assert text in article, text
    assert "csrfmiddlewaretoken" not in article  # the page is shared by every guest


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "https://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"Origin": "", "Referer": "https://evil.example/testserver/"}, 403),
    ({"Origin": "", "Referer": ""}, 403),
    ({"Origin": "", "Referer": f"{ORIGIN}/nova-reyes-adds-a-date/"}, 302),
])
def test_a_guest_comment_must_come_from_our_own_pages(client, post, headers, status):
    assert send(client, post, headers=headers).status_code == status
    assert Comment.objects.count() == (status == 302)


def test_a_logged_in_comment_needs_the_csrf_token(post, django_user_model):
    user = django_user_model.objects.create_user("cleo", "cleo@example.com")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    data = guest_form(post, name="", email="", body="Signed in")
    url = f"/comments/post/{post.pk}/"
    # A forged request: right Origin, no token. Refused.
    assert client.post(url, data, headers={"Origin": ORIGIN}).status_code == 403
    assert not Comment.objects.exists()
    article = page(client, post.get_absolute_url())  # not cached: carries a token
    assert "Logged in as cleo." in article and 'name="name"' not in article
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', article)[1]
    response = client.post(url, {**data, "csrfmiddlewaretoken": token},
                           headers={"Origin": ORIGIN})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user == user and comment.name == "cleo"


def test_errors_come_back_with_the_text_and_a_fresh_form(client, post):
    response = send(client, post, email="nope", body="Keep my words")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a valid email address." in text and "Keep my words" in text
    assert "<h1>Leave a Reply</h1>" in text and not Comment.objects.exists()


def test_reply_page_works_without_javascript(client, post):
    top = approved(post, name="Ben", body="Top comment")
    text = page(client, f"/comments/reply/{top.pk}/")
    assert "<h1>Reply to Ben</h1>" in text and "Top comment" in text
    assert f'<input type="hidden" name="parent" value="{top.pk}"' in text
    assert f'href="/{post.slug}/#comment-{top.pk}">Cancel reply</a>' in text
    approved(post, email="ana@example.com")
    response = send(client, post, parent=str(top.pk), body="A reply")
    reply = Comment.objects.get(body="A reply")
    assert reply.parent == top and reply.depth == 1 and reply.status == "approved"
    assert response["Location"] == f"/{post.slug}/#comment-{reply.pk}"
    held = Comment.objects.create(post=post, name="H", body="held")
    page(client, f"/comments/reply/{held.pk}/", status=404)


def test_no_comments_on_missing_or_draft_posts(client, post):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)
    assert send(client, post).status_code == 404
    assert client.get(f"/comments/post/{post.pk}/").status_code == 405
