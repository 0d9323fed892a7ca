"""Readers and staff to log in with, the reset link out of a sent message, an empty queue
around every test (account pages queue mail), and empty tables for the browser tests."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

PASSWORD = "velvet-curtain-42"
NEW_PASSWORD = "encore-matinee-77"


@pytest.fixture(autouse=True)
def _empty_queue(queue):
    """What one test queued (and did not run) is never counted or run by the next."""
    yield


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user(
        "maria", email="Maria.Reader@example.com", password=PASSWORD)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "editor2", email="editor2@example.com", password=PASSWORD, is_staff=True,
        is_superuser=True)


def reset_link(body: str) -> str:
    """The path of the one reset link in a message's text."""
    [url] = re.findall(r"https?://\S+/accounts/reset/\S+/", body)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture(scope="module")
def _empty_tables(django_db_setup, django_db_blocker):
    """Start from empty tables, as news/tests/test_browser.py does and for its reason: a
    transactional test without serialized_rollback may have left rows the restored seed
    would clash with."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True,
                     reset_sequences=False, verbosity=0)
