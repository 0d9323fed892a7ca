"""The reset mail through a real SMTP server on loopback (aiosmtpd), sent by the worker and
never inside the request, and its link followed in a real browser (the system's Chromium via
Playwright, as news/tests/test_browser.py does it) against the live server: set a new
password, then log in with it."""

import asyncio
import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from dramawired.news.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, django_turn

from .conftest import NEW_PASSWORD, PASSWORD, reset_link


class Mailbox:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages = []
        self.delay = 0.0  # seconds to accept a message, as a slow real server takes

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """An SMTP server on 127.0.0.1, and Django's SMTP backend sending to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                           EMAIL_HOST="127.0.0.1", EMAIL_PORT=controller.port,
                           EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD="", EMAIL_USE_TLS=False,
                           DEFAULT_FROM_EMAIL="DramaWired <noreply@dramawired.test>"):
        yield mailbox
    controller.stop()


def test_reset_mail_goes_out_by_smtp(client, reader, smtp, run_jobs):
    response = client.post("/accounts/password_reset/", {"email": "maria"})
    assert response.status_code == 302
    assert smtp.messages == []  # the worker sends it
    assert run_jobs() == 1
    [(recipients, message)] = smtp.messages
    assert recipients == ["Maria.Reader@example.com"]
    assert message["To"] == "Maria.Reader@example.com"
    assert message["From"] == "DramaWired <noreply@dramawired.test>"
    assert message["Subject"] == "Reset your DramaWired password"
    link = reset_link(message.get_content())
    set_form = client.get(link)
    assert set_form.status_code == 302
    response = client.post(set_form["Location"], {"new_password1": NEW_PASSWORD,
                                                  "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/reset/done/"


def test_a_slow_mail_server_does_not_slow_the_answer(client, reader, smtp, run_jobs):
    """The review measured 371 ms for an account that exists and 11 ms for one that does
    not: sending inside the request told which accounts exist. With a server that takes a
    second per message, both answers still come before it has seen anything."""
    smtp.delay = 1.0
    for typed in ("maria", "nobody"):
        start = time.monotonic()
        response = client.post("/accounts/password_reset/", {"email": typed})
        assert response.status_code == 302
        assert time.monotonic() - start < smtp.delay
    assert smtp.messages == []
    assert run_jobs() == 2
    [(recipients, _)] = smtp.messages
    assert recipients == ["Maria.Reader@example.com"]


# The live server reads what the test writes, so the database is transactional;
# serialized_rollback restores the migrations' seed (site settings, menu) first.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reset_link_from_the_mail_works_in_a_browser(_empty_tables, live_server, reader, smtp,
                                                     run_jobs):
    with sync_playwright() as playwright:  # no database calls inside: Playwright's loop runs
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_role("link", name="Forgotten Password?").click()
        expect(page.locator("h1")).to_have_text("Retrieve your password")
        page.get_by_label("Username or email").fill("maria.reader@example.com")
        page.get_by_role("button", name="Send reset link").click()
        expect(page.locator("h1")).to_have_text("Check your email")

        assert smtp.messages == []
        with django_turn():
            assert run_jobs() == 1  # the worker's turn: it sends the mail
        [(_, message)] = smtp.messages
        link = live_server.url + reset_link(message.get_content())
        assert link in message.get_content()  # a whole address, to this site
        page.goto(link)
        expect(page.locator("h1")).to_have_text("Set a new password")
        page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Change my password").click()
        expect(page.locator("h1")).to_have_text("Your password is set")

        page.get_by_role("main").get_by_role("link", name="log in").click()
        page.get_by_label("Username or email").fill("maria")
        page.get_by_label("Password").fill(PASSWORD)  # the old one no longer works
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text("didn’t match")
        page.get_by_label("Password").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(live_server.url + "/")
        header = page.get_by_role("banner")
        expect(header.locator(".login-link")).to_have_text("maria")
        header.get_by_role("button", name="Log out").click()
        expect(header.get_by_role("link", name="Login")).to_be_visible()

        page.goto(link)  # once only
        expect(page.locator("h1")).to_have_text("This link no longer works")
        browser.close()
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
