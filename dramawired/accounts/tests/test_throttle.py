"""Failed logins throttled by django-axes: 5 per account (by username or email, from any
address) and 5 per address (against any accounts), with our own lockout page."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from .conftest import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client, typed: str, password: str = "wrong-guess", address: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": typed, "password": password}, REMOTE_ADDR=address)


def assert_locked_out(response):
    page = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 429
    assert "<h1>Too many failed logins</h1>" in page
    assert "paused: 5 attempts failed for this account or from your connection." in page
    assert "Please try again in 1 hour." in page
    assert 'href="/accounts/password_reset/"' in page  # a way out
    assert "maria" not in page  # never tells whose account an address belongs to


def test_five_failures_lock_the_account_from_any_address(client, reader):
    # Typed as username or email, from five addresses: one account, one count.
    for n, typed in enumerate(["maria", "maria", "Maria.Reader@example.com",
                               "maria.reader@example.com"]):
        assert attempt(client, typed, address=f"10.0.0.{n + 1}").status_code == 200
    assert_locked_out(attempt(client, "maria", address="10.0.0.5"))  # the fifth failure
    response = attempt(client, "maria", PASSWORD, address="10.0.0.99")
    assert_locked_out(response)
    assert SESSION_KEY not in client.session  # the right password does not get in either
    assert_locked_out(attempt(client, "Maria.Reader@example.com", PASSWORD, "10.0.0.98"))


def test_four_failures_do_not_lock_and_a_success_clears_them(client, reader):
    for _ in range(4):
        attempt(client, "maria")
    assert attempt(client, "maria", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()  # AXES_RESET_ON_SUCCESS
    client.logout()
    for _ in range(4):
        attempt(client, "maria")
    assert attempt(client, "maria", PASSWORD).status_code == 302


def test_five_failures_lock_the_address_for_every_account(client, reader):
    for name in ["ana", "bo", "cy", "di"]:  # unknown names are counted too
        assert attempt(client, name, address="10.9.9.9").status_code == 200
    assert_locked_out(attempt(client, "ed", address="10.9.9.9"))
    assert_locked_out(attempt(client, "maria", PASSWORD, address="10.9.9.9"))
    # Another address can still log in to the same account.
    assert attempt(client, "maria", PASSWORD, address="10.1.1.1").status_code == 302


def test_admin_login_is_throttled_too(client, staff):
    for n in range(5):
        client.post("/admin/login/", {"username": "editor2", "password": "nope"},
                    REMOTE_ADDR=f"10.2.0.{n}")
    response = client.post("/admin/login/", {"username": "editor2", "password": PASSWORD},
                           REMOTE_ADDR="10.2.0.50")
    assert response.status_code == 429


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_force_login_is_untouched_by_throttling(client, reader, address):
    for n in range(6):
        attempt(client, f"x{n}", address=address)
    client.force_login(reader)  # what other apps' tests use to log in
    assert '<span class="login-link">maria</span>' in client.get("/").content.decode()
