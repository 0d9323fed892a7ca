"""The head's links, the header and the footer are kept per layout generation for readers
without an account ({% chrome %}): each page still marks its own menu item, an edit to the
settings or the menu shows at once, and a reader with an account gets a header of their
own."""

import pytest
from django.test import Client

from dramawired.siteconfig.models import MenuItem, SiteSettings

pytestmark = pytest.mark.django_db


def _reader() -> Client:
    reader = Client()
    reader.cookies["sessionid"] = "no-such-session"  # past the page cache, no account
    return reader


def test_each_page_marks_its_own_menu_item():
    reader = _reader()
    home, movie = reader.get("/").content.decode(), reader.get("/category/movie/").content.decode()
    assert '<a href="/" aria-current="page">Home</a>' in home
    assert 'href="/category/movie/" aria-current' not in home
    assert '<a href="/category/movie/" aria-current="page">Movie</a>' in movie
    assert '<a href="/" aria-current' not in movie


def test_an_edit_to_the_settings_or_the_menu_shows_at_once():
    reader = _reader()
    assert "Tea &amp; $1" not in reader.get("/").content.decode()
    settings = SiteSettings.objects.get()
    settings.name = "Tea & $1 Scoops"
    settings.save()
    MenuItem.objects.create(label="Tips", url="/tips/", position=1)
    page = reader.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Tea &amp; $1 Scoops"' in page
    assert '<a class="logo" href="/">Tea &amp; $1 Scoops</a>' in page
    assert '<li><a href="/tips/">Tips</a></li>' in page
    assert "Tea &amp; $1 Scoops. " in page  # the footer


def test_a_reader_with_an_account_gets_a_header_of_their_own(django_user_model):
    assert "Log out" not in _reader().get("/").content.decode()
    member = Client()
    member.force_login(django_user_model.objects.create_user("marisol", password="x" * 12))
    page = member.get("/").content.decode()
    assert "marisol" in page and "Log out" in page and 'name="csrfmiddlewaretoken"' in page
    assert "marisol" not in _reader().get("/").content.decode()
