"""Retrieve your password: by username or email, one answer for every input, a link that
works once and for a day; and where mail goes."""

import json
import os
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

from .conftest import NEW_PASSWORD, PASSWORD, reset_link

RESET = "/accounts/password_reset/"


def ask_reset(client, typed: str):
    response = client.post(RESET, {"email": typed})
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
def test_reset_by_username_or_email_mails_a_link_to_the_account(client, reader, typed):
    page = ask_reset(client, typed).content.decode()
    assert "Check your email" in page
    [message] = mail.outbox
    assert message.to == ["Maria.Reader@example.com"]  # the stored address, not the typed one
    assert message.subject == "Reset your DramaWired password"
    assert "Hello maria," in message.body and "works once and for one day" in message.body
    assert set_password(client, reset_link(message.body))["Location"] == "/accounts/reset/done/"
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_unknown_account_gets_the_same_answer_and_no_mail(client, reader):
    known = ask_reset(client, "maria").content
    for typed in ("nobody", "nobody@example.com", "MARIA"):
        assert ask_reset(client, typed).content == known
    assert len(mail.outbox) == 1


def test_no_link_for_inactive_or_passwordless_accounts(client, reader, django_user_model):
    django_user_model.objects.create_user("ghost", email="ghost@example.com")  # unusable
    reader.is_active = False
    reader.save()
    for typed in ("maria", "ghost", "ghost@example.com"):
        ask_reset(client, typed)
    assert mail.outbox == []


def test_the_link_works_once(client, reader):
    ask_reset(client, "maria")
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


def test_file_backend_writes_the_message_under_the_configured_folder(client, reader, tmp_path):
    folder = tmp_path / "mail"
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                           EMAIL_FILE_PATH=folder):
        ask_reset(client, "maria")
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
