"""Retrieve your password: by username or email, one answer for every input (in what it says
and in the work the request does: the worker sends the mail), a few links per account and
requests per address, a link that works once and for a day; and where mail goes."""

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from huey.contrib.djhuey import HUEY

from .conftest import NEW_PASSWORD, PASSWORD, reset_link

RESET = "/accounts/password_reset/"


def ask_reset(client, typed: str, address: str = "127.0.0.1"):
    response = client.post(RESET, {"email": typed}, REMOTE_ADDR=address)
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    return client.get(response["Location"])


def set_password(client, link: str, password: str = NEW_PASSWORD):
    """Follow a reset link as a browser does; the response to the new password."""
    response = client.get(link)
    if response.status_code != 302:  # Django moves the token out of the address first
        return response
    return client.post(response["Location"],
                       {"new_password1": password, "new_password2": password})


def test_login_page_links_to_retrieve_your_password(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<a href="/accounts/password_reset/">Forgotten Password?</a>' in page
    page = client.get(RESET).content.decode()
    assert "<h1>Retrieve your password</h1>" in page and "Username or email" in page


@pytest.mark.parametrize("typed", ["maria", "maria.reader@EXAMPLE.com", " maria "])
def test_reset_by_username_or_email_mails_a_link_to_the_account(client, reader, typed,
                                                                run_jobs):
    page = ask_reset(client, typed).content.decode()
    assert "Check your email" in page
    assert run_jobs() == 1
    [message] = mail.outbox
    assert message.to == ["Maria.Reader@example.com"]  # the stored address, not the typed one
    assert message.subject == "Reset your DramaWired password"
    assert "Hello maria," in message.body and "works once and for one day" in message.body
    assert set_password(client, reset_link(message.body))["Location"] == "/accounts/reset/done/"
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_unknown_account_gets_the_same_answer_and_no_mail(client, reader, run_jobs):
    known = ask_reset(client, "maria").content
    for typed in ("nobody", "nobody@example.com", "MARIA"):
        assert ask_reset(client, typed).content == known
    run_jobs()
    assert len(mail.outbox) == 1


def test_the_request_does_the_same_work_for_a_known_and_an_unknown_account(client, reader,
                                                                          run_jobs):
    """Sending took 371 ms inside the request, a lookup that found nobody 11 ms: the time
    told which accounts exist. Now every request only queues one task; the worker looks the
    account up and sends (test_reset_smtp.py checks this with a real SMTP server)."""
    for typed in ("maria", "nobody", "Maria.Reader@example.com", "nobody@example.com"):
        sent = len(mail.outbox)
        ask_reset(client, typed)
        assert len(mail.outbox) == sent  # nothing sent inside the request
        assert HUEY.pending_count() == 1
        run_jobs()
    assert [m.to for m in mail.outbox] == [["Maria.Reader@example.com"]] * 2


def test_reset_links_are_limited_per_account(client, reader, run_jobs):
    """40 mails in 15 s to one account, before: now 3 an hour, by username or email, from
    any addresses."""
    for n, typed in enumerate(["maria", "Maria.Reader@example.com"] * 5):
        ask_reset(client, typed, address=f"10.3.0.{n}")
    run_jobs()
    assert len(mail.outbox) == 3


def test_reset_requests_are_limited_per_address_with_the_same_answer(client, django_user_model,
                                                                     run_jobs):
    for n in range(12):
        django_user_model.objects.create_user(f"reader{n}", email=f"r{n}@example.com",
                                              password=PASSWORD)
    answers = {ask_reset(client, f"reader{n}", address="203.0.113.9").content
               for n in range(12)}
    answers.add(ask_reset(client, "reader11", address="10.3.3.3").content)
    assert len(answers) == 1  # whichever limit applied, if any
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"r{n}@example.com" for n in range(10)] + ["r11@example.com"])


def test_queue_down_says_so_whatever_was_typed(client, reader, lost_queue):
    pages = set()
    for typed in ("maria", "nobody"):
        response = client.post(RESET, {"email": typed})
        assert response.status_code == 503
        # The form comes back with what was typed in it, and a fresh CSRF token.
        pages.add(re.sub(r'value="[^"]*"', "", response.content.decode()))
    [page] = pages
    assert "We cannot send email right now. Please try again in a few minutes." in page


def test_no_link_for_inactive_or_passwordless_accounts(client, reader, django_user_model,
                                                      run_jobs):
    django_user_model.objects.create_user("ghost", email="ghost@example.com")  # unusable
    reader.is_active = False
    reader.save()
    for typed in ("maria", "ghost", "ghost@example.com"):
        ask_reset(client, typed)
    assert run_jobs() == 3
    assert mail.outbox == []


def test_the_link_works_once(client, reader, run_jobs):
    ask_reset(client, "maria")
    run_jobs()
    link = reset_link(mail.outbox[0].body)
    set_password(client, link)
    page = set_password(client, link, "third-password-5").content.decode()
    assert "This link no longer works" in page and "already used or has expired" in page
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    response = client.post("/accounts/login/", {"username": "maria", "password": NEW_PASSWORD})
    assert response.status_code == 302


class _TokensMadeAgo(PasswordResetTokenGenerator):
    def __init__(self, ago: timedelta):
        super().__init__()
        self.ago = ago

    def _now(self):  # Django's generator reads the clock here (naive local time)
        return datetime.now() - self.ago


@pytest.mark.parametrize("age, works", [(timedelta(hours=23), True),
                                        (timedelta(days=1, minutes=1), False)])
def test_the_link_expires_after_a_day(client, reader, age, works):
    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 60 * 60
    token = _TokensMadeAgo(age).make_token(reader)
    link = f"/accounts/reset/{urlsafe_base64_encode(force_bytes(reader.pk))}/{token}/"
    response = set_password(client, link)
    assert (response.status_code == 302) == works
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD if works else PASSWORD)


def test_file_backend_writes_the_message_under_the_configured_folder(client, reader, tmp_path,
                                                                    run_jobs):
    folder = tmp_path / "mail"
    ask_reset(client, "maria")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                           EMAIL_FILE_PATH=folder):
        run_jobs()  # the worker writes it
    [written] = folder.iterdir()
    text = written.read_text()
    assert "To: Maria.Reader@example.com" in text
    assert set_password(client, reset_link(text)).status_code == 302


def settings_under(env: dict, tmp_path) -> dict:
    """Mail and sign-up settings as base.py reads them from this environment."""
    code = ("import json; from dramawired.settings import base as s; print(json.dumps({k: "
            "str(getattr(s, k, None)) for k in ('EMAIL_BACKEND', 'EMAIL_FILE_PATH', "
            "'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_USE_TLS', "
            "'DEFAULT_FROM_EMAIL', 'DRAMAWIRED_SIGNUP_OPEN')}))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEFAULT_FROM"))
             and k != "DRAMAWIRED_SIGNUP_OPEN"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**clean, "DRAMAWIRED_VAR_DIR": str(tmp_path), **env},
                         check=True, timeout=60)
    return json.loads(run.stdout)


def test_mail_goes_to_files_by_default_and_to_smtp_when_configured(tmp_path):
    default = settings_under({}, tmp_path)
    assert default["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert default["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    assert default["DRAMAWIRED_SIGNUP_OPEN"] == "True"

    smtp = settings_under({"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525",
                           "EMAIL_HOST_USER": "wire", "EMAIL_USE_TLS": "1",
                           "DEFAULT_FROM_EMAIL": "news@example.org",
                           "DRAMAWIRED_SIGNUP_OPEN": "0"}, tmp_path)
    assert smtp == {**smtp, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525",
                    "EMAIL_HOST_USER": "wire", "EMAIL_USE_TLS": "True",
                    "DEFAULT_FROM_EMAIL": "news@example.org", "DRAMAWIRED_SIGNUP_OPEN": "False"}
