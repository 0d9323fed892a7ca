"""Moderation in the admin: one by one in the form, or in bulk with the list's actions."""

import pytest
from django.test import Client

from dramawired.comments.models import Comment

from .conftest import approved


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    return client


def held(post, n):
    return [Comment.objects.create(post=post, name=f"G{i}", email=f"g{i}@example.com",
                                   body=f"held {i}") for i in range(n)]


def act(staff, action, comments):
    return staff.post("/admin/comments/comment/", {
        "action": action, "_selected_action": [c.pk for c in comments]}, follow=True)


def statuses():
    return list(Comment.objects.order_by("pk").values_list("status", flat=True))


def test_list_filters_and_searches(staff, post):
    held(post, 2)
    approved(post, body="findable words")
    page = staff.get("/admin/comments/comment/?status__exact=pending").content.decode()
    assert "held 0" in page and "findable" not in page
    assert "findable" in staff.get("/admin/comments/comment/?q=findable").content.decode()


def test_bulk_approve_spam_unapprove_and_delete(staff, post):
    comments = held(post, 4)
    reader = Client()
    reader.get(post.get_absolute_url())
    assert reader.get(post.get_absolute_url())["X-Cache"] == "hit"
    response = act(staff, "approve", comments[:3])
    assert "3 comments approved." in response.content.decode()
    page = reader.get(post.get_absolute_url())
    assert page["X-Cache"] == "miss" and "held 2" in page.content.decode()
    assert statuses() == ["approved"] * 3 + ["pending"]
    act(staff, "mark_spam", comments[1:2])
    act(staff, "unapprove", comments[2:3])
    assert statuses() == ["approved", "spam", "pending", "pending"]
    response = staff.post("/admin/comments/comment/", {
        "action": "delete_selected", "_selected_action": [c.pk for c in comments[:2]],
        "post": "yes"}, follow=True)
    assert response.status_code == 200 and statuses() == ["pending", "pending"]


def test_approve_one_in_its_form(staff, post):
    [comment] = held(post, 1)
    url = f"/admin/comments/comment/{comment.pk}/change/"
    assert staff.get(url).status_code == 200
    response = staff.post(url, {"post": post.pk, "name": "G0", "email": "g0@example.com",
                                "website": "", "body": "held 0", "status": "approved",
                                "created_at_0": "2026-01-01", "created_at_1": "10:00:00"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert statuses() == ["approved"]
