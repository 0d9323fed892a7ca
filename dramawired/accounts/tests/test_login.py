"""Logging in (by username or email), out, signing up, and the admin kept to staff."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import override_settings

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


SIGNUP = {"username": "jules", "email": "jules@example.com",
          "password1": "limelight-sequel-9", "password2": "limelight-sequel-9"}


def test_signup_creates_the_account_and_logs_in(client, db):
    assert 'href="/accounts/signup/"' in client.get(LOGIN).content.decode()
    page = client.get("/accounts/signup/").content.decode()
    assert "<h1>Create an account</h1>" in page and 'name="password2"' in page
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_as(client) == "jules"
    user = get_user_model().objects.get(username="jules")
    assert user.email == "jules@example.com" and not user.is_staff
    assert user.check_password("limelight-sequel-9")


@pytest.mark.parametrize("change, field, message", [
    ({"password2": "other-password-1"}, "password2", "The two password fields didn’t match."),
    ({"email": "MARIA.reader@example.com"}, "email", "An account with this email address"),
    ({"username": "Maria"}, "username", "A user with that username already exists."),
    ({"username": "a@b"}, "username", "A username cannot contain “@”."),
    ({"password1": "12345678", "password2": "12345678"}, "password2", "entirely numeric"),
])
def test_signup_refuses(client, reader, change, field, message):
    response = client.post("/accounts/signup/", {**SIGNUP, **change})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not get_user_model().objects.filter(username="jules").exists()


@override_settings(DRAMAWIRED_SIGNUP_OPEN=False)
def test_signup_closed(client, db):
    page = client.get("/accounts/signup/").content.decode()
    assert "Sign-up is closed" in page and "<form method" not in page.split("<main")[1]
    assert client.post("/accounts/signup/", SIGNUP).status_code == 403
    assert not get_user_model().objects.filter(username="jules").exists()
    login_page = client.get(LOGIN).content.decode()
    assert "/accounts/signup/" not in login_page and "Forgotten Password?" in login_page


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
