"""Signing up: the account is made when the link mailed to the address is opened; a taken
address gets the same answer and its owner a note (the worker sends both); a taken username
is refused, as a public name must be, and one address gets 10 attempts an hour."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from playwright.sync_api import expect, sync_playwright

from dramawired.accounts import signup
from dramawired.accounts.models import PendingSignup
from dramawired.news.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, django_turn

SIGNUP_URL, DONE = "/accounts/signup/", "/accounts/signup/done/"
SIGNUP = {"username": "jules", "email": "jules@example.com",
          "password1": "limelight-sequel-9", "password2": "limelight-sequel-9"}


def sign_up(client, address: str = "127.0.0.1", **change):
    return client.post(SIGNUP_URL, {**SIGNUP, **change}, REMOTE_ADDR=address)


def confirm_link(body: str) -> str:
    [url] = re.findall(r"https?://\S+/accounts/signup/confirm/\S+/", body)
    return re.sub(r"^https?://[^/]+", "", url)


def logged_in_as(client) -> str | None:
    user_id = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=user_id).username if user_id else None


def test_signup_mails_a_link_that_makes_the_account(client, db, run_jobs):
    assert 'href="/accounts/signup/"' in client.get("/accounts/login/").content.decode()
    page = client.get(SIGNUP_URL).content.decode()
    assert "<h1>Create an account</h1>" in page and 'name="password2"' in page

    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == DONE
    assert "<h1>Check your email</h1>" in client.get(DONE).content.decode()
    assert mail.outbox == [] and run_jobs() == 1  # sent by the worker
    [message] = mail.outbox
    assert message.to == ["jules@example.com"]
    assert message.subject == "Confirm your DramaWired account"
    assert "Hello jules," in message.body and "works once and for one day" in message.body
    assert not get_user_model().objects.filter(username="jules").exists()

    link = confirm_link(message.body)
    page = client.get(link).content.decode()  # opening the link makes nothing: a button does
    assert "<h1>Confirm your account</h1>" in page and "“jules” for jules@example.com" in page
    assert not get_user_model().objects.filter(username="jules").exists()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_as(client) == "jules"
    user = get_user_model().objects.get(username="jules")
    assert user.email == "jules@example.com" and user.is_active and not user.is_staff
    assert user.check_password("limelight-sequel-9")
    assert not PendingSignup.objects.exists()

    client.logout()
    for method in (client.get, client.post):  # once only
        assert "This link no longer works" in method(link).content.decode()
    assert get_user_model().objects.count() == 1
    response = client.post("/accounts/login/", {"username": "jules@example.com",
                                                "password": "limelight-sequel-9"})
    assert response.status_code == 302


def test_a_taken_email_gets_the_same_answer_and_its_owner_a_note(client, reader, run_jobs):
    new = sign_up(client)
    taken = sign_up(client, username="julia", email="MARIA.reader@example.com")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert HUEY.pending_count() == 2  # the same work in the request: one task each
    run_jobs()
    confirm, note = mail.outbox
    assert confirm.to == ["jules@example.com"]
    assert note.to == ["Maria.Reader@example.com"]  # the owner's stored address
    assert note.subject == "You already have a DramaWired account"
    assert "Hello maria," in note.body and "tried to sign up" in note.body
    assert "/accounts/password_reset/" in note.body and "/signup/confirm/" not in note.body
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["jules@example.com"]
    assert not get_user_model().objects.filter(username="julia").exists()


@pytest.mark.parametrize("change, field, message", [
    ({"password2": "other-password-1"}, "password2", "The two password fields didn’t match."),
    ({"username": "Maria"}, "username", "A user with that username already exists."),
    ({"username": "a@b"}, "username", "A username cannot contain “@”."),
    ({"password1": "12345678", "password2": "12345678"}, "password2", "entirely numeric"),
])
def test_signup_refuses(client, reader, change, field, message):
    response = sign_up(client, **change)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert HUEY.pending_count() == 0


def test_signup_attempts_are_limited_per_address(client, reader):
    """Usernames are public and unique, so "taken" has to be said; harvesting them is slowed
    to 10 attempts an hour from one address, whatever the attempts were."""
    for n in range(10):
        assert sign_up(client, "203.0.113.5", username=f"maria{n}" if n % 2 else "maria",
                       password2="x").status_code == 200
    response = sign_up(client, "203.0.113.5", username="someone")
    assert response.status_code == 429
    assert "Too many sign-up attempts came from your connection." in response.content.decode()
    assert sign_up(client, "198.51.100.5").status_code == 302  # another address


def test_signup_mail_is_limited_per_address(client, reader, run_jobs):
    for n in range(5):  # anyone can type a stranger's address; its inbox gets 3 an hour
        sign_up(client, f"10.4.0.{n}", username=f"jules{n}")
        sign_up(client, f"10.4.1.{n}", username=f"julia{n}", email="maria.reader@example.com")
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == (
        ["Maria.Reader@example.com"] * 3 + ["jules@example.com"] * 3)


def test_a_username_confirmed_first_by_another_is_not_given_twice(client, db, run_jobs):
    sign_up(client)
    sign_up(client, email="other.jules@example.com")
    run_jobs()
    first, second = (confirm_link(m.body) for m in mail.outbox)
    client.post(second)
    client.logout()
    page = client.post(first).content.decode()
    assert "<h1>This username was taken</h1>" in page
    assert list(get_user_model().objects.values_list("email", flat=True)) == [
        "other.jules@example.com"]


def test_the_link_expires_after_a_day(client, db):
    token = signup.start("jules", "jules@example.com", "!unusable")
    PendingSignup.objects.update(created=timezone.now() - timedelta(days=1, minutes=1))
    link = f"/accounts/signup/confirm/{token}/"
    assert "This link no longer works" in client.get(link).content.decode()
    client.post(link)
    assert not get_user_model().objects.exists()
    assert "This link no longer works" in client.get(
        "/accounts/signup/confirm/made-up-token/").content.decode()


def test_queue_down_says_so(client, db, lost_queue):
    response = sign_up(client)
    assert response.status_code == 503
    assert "We cannot send email right now." in response.content.decode()


def test_signup_closed(client, db):
    link = f"/accounts/signup/confirm/{signup.start('jules', 'jules@example.com', '!x')}/"
    with override_settings(DRAMAWIRED_SIGNUP_OPEN=False):
        page = client.get(SIGNUP_URL).content.decode()
        assert "Sign-up is closed" in page and "<form method" not in page.split("<main")[1]
        assert sign_up(client).status_code == 403
        assert HUEY.pending_count() == 0
        assert "Sign-up is closed" in client.get(link).content.decode()
        assert client.post(link).status_code == 403  # a link mailed before makes none either
        assert not get_user_model().objects.exists()
        login_page = client.get("/accounts/login/").content.decode()
        assert "/accounts/signup/" not in login_page and "Forgotten Password?" in login_page


def test_a_worker_knows_the_account_tasks():
    """A worker process imports no views: the app registers its tasks itself."""
    code = ("import django; django.setup(); from huey.contrib.djhuey import HUEY; "
            "print(sorted(t for t in HUEY._registry._registry if '.accounts.' in t))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60,
                         env={**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.test"})
    assert run.stdout.strip() == str(["dramawired.accounts.tasks.mail_signup",
                                      "dramawired.accounts.tasks.send_reset_links"])


# The live server reads what the test writes: a transactional database, the seed restored.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_signs_up_in_a_browser(_empty_tables, live_server, run_jobs):
    with sync_playwright() as playwright:  # Django calls only in django_turn()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_role("link", name="Create an account").click()
        page.get_by_label("Username").fill("jules")
        page.get_by_label("Email").fill("jules@example.com")
        page.get_by_label("Password", exact=True).fill(SIGNUP["password1"])
        page.get_by_label("Password confirmation").fill(SIGNUP["password1"])
        page.get_by_role("button", name="Sign up").click()
        expect(page.locator("h1")).to_have_text("Check your email")

        with django_turn():
            assert run_jobs() == 1  # the worker's turn: it sends the link
        [message] = mail.outbox
        page.goto(live_server.url + confirm_link(message.body))
        expect(page.locator("h1")).to_have_text("Confirm your account")
        page.get_by_role("button", name="Create my account").click()
        expect(page).to_have_url(live_server.url + "/")
        header = page.get_by_role("banner")
        expect(header.locator(".login-link")).to_have_text("jules")
        header.get_by_role("button", name="Log out").click()

        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Username or email").fill("jules@example.com")
        page.get_by_label("Password").fill(SIGNUP["password1"])
        page.get_by_role("button", name="Log in").click()
        expect(header.locator(".login-link")).to_have_text("jules")
        browser.close()
