"""Failed logins throttled by django-axes against their source, never against an account for
everyone: 5 failures from one address against one account stop that address for that
account, 20 from one address against any accounts stop the address; the public login and
the admin's count apart. A stranger can lock themselves out, never a reader or an editor."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from .conftest import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/?next=/admin/"
STRANGER, HOME = "203.0.113.66", "198.51.100.7"


def attempt(client, typed: str, password: str = "wrong-guess", address: str = STRANGER,
            url: str = LOGIN):
    return client.post(url, {"username": typed, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address)


def assert_locked_out(response):
    page = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 429
    assert "<h1>Too many failed logins</h1>" in page
    assert "paused for your connection: too many attempts failed." in page
    assert "Please try again in 1 hour." in page
    assert 'href="/accounts/password_reset/"' in page  # a way out
    assert "maria" not in page and "editor2" not in page  # never names an account


def logs_in(client, typed: str, address: str, url: str = LOGIN) -> bool:
    response = attempt(client, typed, PASSWORD, address, url)
    logged_in = response.status_code == 302 and SESSION_KEY in client.session
    client.logout()
    return logged_in


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_a_stranger_cannot_lock_an_editor_out(client, staff, url):
    for _ in range(4):
        assert attempt(client, "editor2", url=url).status_code == 200
    assert_locked_out(attempt(client, "editor2@example.com", url=url))  # one account, 5th
    # The editor, from their own address, still gets in: on the site and in the admin.
    assert logs_in(client, "editor2", HOME)
    assert logs_in(client, "editor2", HOME, ADMIN_LOGIN)
    # The stranger stays stopped, even with the right password.
    assert_locked_out(attempt(client, "editor2", PASSWORD, url=url))
    assert SESSION_KEY not in client.session


def test_failures_from_many_addresses_do_not_lock_the_account(client, reader):
    for n in range(12):
        assert attempt(client, "maria", address=f"10.0.0.{n + 1}").status_code == 200
    assert logs_in(client, "Maria.Reader@example.com", "10.0.0.99")


def test_the_public_and_admin_logins_count_apart(client, staff):
    for _ in range(5):
        attempt(client, "editor2", address=HOME)  # mistyped on the site, five times
    assert_locked_out(attempt(client, "editor2", PASSWORD, HOME))
    assert logs_in(client, "editor2", HOME, ADMIN_LOGIN)  # the admin is not locked
    for _ in range(5):
        attempt(client, "editor2", address=HOME, url=ADMIN_LOGIN)
    assert_locked_out(attempt(client, "editor2", PASSWORD, HOME, ADMIN_LOGIN))


def test_twenty_failures_stop_the_address_for_every_account(client, reader):
    for n in range(19):  # unknown names are counted too
        assert attempt(client, f"guess{n}").status_code == 200
    assert_locked_out(attempt(client, "guess19"))
    assert_locked_out(attempt(client, "maria", PASSWORD))
    # Other addresses still log in to the same account.
    assert logs_in(client, "maria", HOME)


def test_one_ipv6_network_is_one_source(client, reader):
    """An IPv6 subscriber gets a /64: every address in it counts as one source."""
    for n in range(4):
        attempt(client, "maria", address=f"2001:db8:1:2::{n + 1}")
    assert_locked_out(attempt(client, "maria", address="2001:db8:1:2:ffff::9"))
    assert logs_in(client, "maria", "2001:db8:1:3::1")  # the next /64


def test_four_failures_do_not_lock_and_a_success_clears_them(client, reader):
    for _ in range(4):
        attempt(client, "maria")
    assert logs_in(client, "maria", STRANGER)
    assert not AccessAttempt.objects.exists()  # AXES_RESET_ON_SUCCESS
    for _ in range(4):
        attempt(client, "maria")
    assert logs_in(client, "maria", STRANGER)


def test_a_success_does_not_clear_the_failures_against_other_accounts(client, reader):
    """Else one account of their own would let a stranger go on guessing at others'."""
    for n in range(19):
        attempt(client, f"guess{n}")
    assert logs_in(client, "maria", STRANGER)
    assert_locked_out(attempt(client, "guess19"))


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_force_login_is_untouched_by_throttling(client, reader, address):
    for n in range(21):
        attempt(client, f"x{n}", address=address)
    client.force_login(reader)  # what other apps' tests use to log in
    assert '<span class="login-link">maria</span>' in client.get("/").content.decode()
