"""The form and the spam rules: required fields, the signed render time, the honeypot,
links, the rate limit, and who posts without waiting for a moderator."""

import pytest

from dramawired.comments import spam
from dramawired.comments.forms import CommentForm
from dramawired.comments.models import MAX_BODY, Comment
from dramawired.comments.text import count_links

from .conftest import approved, form_time, guest_form, send


def errors(post, user=None, **fields):
    form = CommentForm(guest_form(post, **fields), post=post, user=user)
    form.is_valid()
    return form.errors


def test_guests_give_name_and_email_website_optional(post):
    assert errors(post) == {}
    assert set(errors(post, name="", email="")) == {"name", "email"}
    assert "email" in errors(post, email="not-an-address")
    assert "body" in errors(post, body="   ")
    assert "body" in errors(post, body="x" * (MAX_BODY + 1))
    assert errors(post, body="x" * MAX_BODY) == {}
    assert "website" in errors(post, website="javascript:alert(1)")
    form = CommentForm(guest_form(post, website="ana.example"), post=post)
    assert form.is_valid() and form.cleaned_data["website"] == "https://ana.example"


def test_logged_in_readers_only_write(post, django_user_model):
    user = django_user_model.objects.create_user("cleo", "cleo@example.com",
                                                 first_name="Cleo", last_name="Park")
    form = CommentForm(guest_form(post, name="", email=""), post=post, user=user)
    assert set(form.fields) == {"body", "parent", "ts"}
    assert form.is_valid(), form.errors
    comment = form.save(ip="10.0.0.1", user_agent="UA")
    assert (comment.name, comment.email, comment.user) == ("Cleo Park", "cleo@example.com", user)
    assert comment.status == Comment.Status.PENDING  # the account's first comment waits


@pytest.mark.parametrize("seconds_ago, ok", [(0, False), (2, False), (3, True),
                                             (3600, True), (spam.MAX_SECONDS + 5, False)])
def test_the_form_must_be_on_screen_3_seconds_and_at_most_a_day(post, seconds_ago, ok):
    assert (errors(post, ts=form_time(post, seconds_ago)) == {}) == ok


def test_a_damaged_or_borrowed_render_time_is_refused(post):
    assert "__all__" in errors(post, ts="garbage")
    assert "__all__" in errors(post, ts=form_time(post)[:-2] + "xx")
    other = type(post)(pk=post.pk + 1)
    assert "__all__" in errors(post, ts=form_time(other))  # another article's form


def test_a_reply_names_an_approved_comment_of_the_same_post(post):
    top = approved(post)
    held = Comment.objects.create(post=post, name="H", body="held")
    assert errors(post, parent=str(top.pk)) == {}
    assert "parent" in errors(post, parent=str(held.pk))
    assert "parent" in errors(post, parent="999999")


@pytest.mark.parametrize("body, links", [
    ("no links", 0), ("see https://a.example and www.b.example", 2),
    ("http://a.example http://b.example HTTPS://c.example", 3),
    ("javascript:alert(1) ftp://x", 0)])
def test_count_links(body, links):
    assert count_links(body) == links


def test_links_hold_or_spam_a_comment_even_from_known_readers(post):
    approved(post, email="ana@example.com")
    status = {n: spam.initial_status(body=" ".join(["http://x.example"] * n),
                                     email="ana@example.com", user=None) for n in range(8)}
    assert status == {0: "approved", 1: "approved", 2: "approved", 3: "pending",
                      4: "pending", 5: "pending", 6: "spam", 7: "spam"}


def test_first_comment_waits_known_readers_and_staff_post_directly(post, django_user_model):
    assert spam.initial_status(body="hi", email="new@example.com", user=None) == "pending"
    approved(post, email="new@example.com")
    assert spam.initial_status(body="hi", email="NEW@example.com", user=None) == "approved"
    staff = django_user_model.objects.create_user("ed", is_staff=True)
    assert spam.initial_status(body="hi", email="", user=staff) == "approved"


def test_honeypot_filled_nothing_saved_and_nothing_said(client, post):
    response = send(client, post, contact="buy now")
    assert response.status_code == 302
    assert response["Location"] == "/nova-reyes-adds-a-date/#comments"
    assert not Comment.objects.exists()


def test_five_comments_per_ten_minutes_from_one_address(client, post):
    for n in range(spam.RATE_LIMIT):
        assert send(client, post, body=f"comment {n}").status_code == 302
    response = send(client, post, body="one too many")
    assert response.status_code == 429
    assert "several comments in a few minutes" in response.content.decode()
    assert "one too many" in response.content.decode()  # the text is not lost
    assert send(client, post, body="from elsewhere", ip="10.9.9.9").status_code == 302
    assert Comment.objects.count() == spam.RATE_LIMIT + 1
