"""Every account page passes the Nu Html Checker (as news/tests/test_html_valid.py runs it)."""

import json
import shutil
import subprocess

from django.contrib.auth.tokens import default_token_generator
from django.test import override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from dramawired.accounts import signup
from dramawired.news.tests.test_html_valid import VNU


def validate(pages: dict[str, bytes], tmp_path) -> list[str]:
    files = {}
    for n, (name, content) in enumerate(pages.items()):
        path = tmp_path / f"page{n}.html"
        path.write_bytes(content)
        files[str(path)] = name
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *files], capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [f"{files[m['url'].removeprefix('file:')]}: {m['message']}"
            for m in messages if m.get("type") == "error"]


def test_account_pages_are_valid_html(client, reader, tmp_path):
    assert VNU.is_file(), f"{VNU} missing: `make test` installs it (npm package vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java"

    def get(url, **kwargs):
        response = client.get(url, **kwargs)
        assert response.status_code == 200, url
        return response.content

    def post(url, data, status=200, address="127.0.0.1"):
        response = client.post(url, data, REMOTE_ADDR=address)
        assert response.status_code == status, url
        return response.content

    pages = {
        "login": get("/accounts/login/"),
        "login, wrong password": post("/accounts/login/", {"username": "maria", "password": "x"}),
        "signup": get("/accounts/signup/"),
        "signup, errors": post("/accounts/signup/", {"username": "a@b", "email": "no",
                                                     "password1": "1", "password2": "2"}),
        "check your email (sign-up)": get("/accounts/signup/done/"),
        "retrieve your password": get("/accounts/password_reset/"),
        "check your email": get("/accounts/password_reset/done/"),
        "reset done": get("/accounts/reset/done/"),
        "expired link": get("/accounts/reset/MQ/bad-token/"),
    }
    with override_settings(DRAMAWIRED_SIGNUP_OPEN=False):
        pages["signup closed"] = get("/accounts/signup/")
    for _ in range(10):
        client.post("/accounts/signup/", {"username": "maria"}, REMOTE_ADDR="10.5.5.5")
    pages["too many sign-ups"] = post("/accounts/signup/", {}, 429, "10.5.5.5")
    link = f"/accounts/signup/confirm/{signup.start('jules', 'j@example.com', '!x')}/"
    pages["confirm your account"] = get(link)
    pages["confirm link used"] = get("/accounts/signup/confirm/used-token/")
    pages["username taken meanwhile"] = post(
        f"/accounts/signup/confirm/{signup.start('maria', 'm2@example.com', '!x')}/", {})

    uid = urlsafe_base64_encode(force_bytes(reader.pk))
    set_form = client.get(f"/accounts/reset/{uid}/{default_token_generator.make_token(reader)}/")
    pages["set a new password"] = get(set_form["Location"])
    pages["set a new password, errors"] = post(set_form["Location"], {
        "new_password1": "short", "new_password2": "other"})

    for n in range(5):
        client.post("/accounts/login/", {"username": "maria", "password": f"x{n}"})
    pages["locked out"] = post("/accounts/login/", {"username": "maria", "password": "x"}, 429)

    client.force_login(reader)  # the header with the reader's name and Log out
    pages["home, logged in"] = get("/")
    assert validate(pages, tmp_path) == []
