"""Logging in (by username or email), out, and the admin kept to staff."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model

from .conftest import PASSWORD

LOGIN = "/accounts/login/"


def logged_in_as(client) -> str | None:
    user_id = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=user_id).username if user_id else None


@pytest.mark.parametrize("typed", ["maria", "Maria.Reader@example.com", "maria.reader@EXAMPLE.com"])
def test_login_with_username_or_email(client, reader, typed):
    response = client.post(LOGIN, {"username": typed, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_as(client) == "maria"


def test_login_follows_next(client, reader):
    response = client.post(LOGIN, {"username": "maria", "password": PASSWORD,
                                   "next": "/category/movie/"})
    assert response["Location"] == "/category/movie/"


@pytest.mark.parametrize("typed", ["maria", "Maria.Reader@example.com", "nobody"])
def test_wrong_password_or_unknown_account_gets_one_answer(client, reader, typed):
    response = client.post(LOGIN, {"username": typed, "password": "not-it"})
    assert response.status_code == 200
    assert "Your username or email and password didn’t match." in response.content.decode()
    assert logged_in_as(client) is None


def test_inactive_reader_cannot_log_in(client, reader):
    reader.is_active = False
    reader.save()
    client.post(LOGIN, {"username": "maria", "password": PASSWORD})
    assert logged_in_as(client) is None


def test_header_shows_login_for_anonymous_and_name_and_logout_for_a_reader(client, reader):
    page = client.get("/").content.decode()
    assert '<a class="login-link" href="/accounts/login/">Login</a>' in page
    assert "Log out" not in page and "csrfmiddlewaretoken" not in page  # cacheable as is

    client.force_login(reader)
    response = client.get("/")
    page = response.content.decode()
    assert response.get("X-Cache") is None  # rendered for this reader, not the cached page
    assert '<span class="login-link">maria</span>' in page
    assert '<form class="logout-form" method="post" action="/accounts/logout/">' in page
    assert 'name="csrfmiddlewaretoken"' in page and ">Log out</button>" in page
    assert ">Login</a>" not in page


def test_logout_is_a_post(client, reader):
    client.force_login(reader)
    assert client.get("/accounts/logout/").status_code == 405  # Django 5: no GET logout
    assert logged_in_as(client) == "maria"
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_as(client) is None


def test_admin_refuses_readers(client, reader):
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "maria", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 200
    assert "correct username and password for a staff account" in response.content.decode()
    assert logged_in_as(client) is None

    client.force_login(reader)  # logged in on the site: still no admin
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    page = client.get(response["Location"]).content.decode()
    assert "You are authenticated as maria, but are not authorized to access this page" in page
    assert client.get("/admin/news/post/").status_code == 302


def test_admin_lets_staff_in(client, staff):
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "editor2@example.com", "password": PASSWORD,
                            "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
