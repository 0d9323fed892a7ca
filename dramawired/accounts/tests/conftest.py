"""Readers and staff to log in with, and the reset link out of a sent message."""

import re

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "velvet-curtain-42"
NEW_PASSWORD = "encore-matinee-77"


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
