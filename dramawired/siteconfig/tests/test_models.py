"""The site's settings (one row) and menu, and the cached pair every page reads."""

import pytest

from dramawired.news.models import Category
from dramawired.siteconfig.models import MenuItem, SiteSettings, current

SEEDED_MENU = [("Home", "/")] + [(name, f"/category/{name.lower()}/") for name in (
    "Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics")] + [
    ("Shop", "/shop/")]  # the store since issue 13 (shop/migrations/0003)

pytestmark = pytest.mark.django_db


def test_a_new_site_has_the_seeded_settings_and_menu():
    settings, menu = current()
    assert settings.pk == 1 and str(settings) == "DramaWired"
    assert settings.tagline == "Entertainment news, as it breaks"
    assert settings.base_url == "http://127.0.0.1:8000" and settings.posts_per_page == 12
    assert settings.canonical_to_source is True and settings.logo_url == ""
    assert menu == SEEDED_MENU


def test_settings_are_one_row_whatever_is_saved():
    SiteSettings(name="Second Site").save()
    SiteSettings(pk=7, name="Third Site").save()
    assert list(SiteSettings.objects.values_list("pk", "name")) == [(1, "Third Site")]


def test_without_a_row_the_defaults_are_used_and_nothing_is_written():
    SiteSettings.objects.all().delete()
    settings, _ = current()
    assert settings.pk is None and settings.name == "DramaWired"
    assert not SiteSettings.objects.exists()


def test_current_is_cached(django_assert_num_queries):
    with django_assert_num_queries(2):  # the settings row, the menu with its categories
        first = current()
    with django_assert_num_queries(0):
        assert current() == first


def test_editing_the_settings_shows_at_once():
    current()
    settings = SiteSettings.objects.get()
    settings.name, settings.tagline = "Gossip $1 Daily", "Tea, \\1 served hot"
    settings.save()
    assert (current()[0].name, current()[0].tagline) == ("Gossip $1 Daily", "Tea, \\1 served hot")


def test_menu_is_ordered_by_position_then_creation():
    MenuItem.objects.all().delete()
    MenuItem.objects.create(label="Later", url="/later/", position=5)
    MenuItem.objects.create(label="First", url="/first/", position=1)
    MenuItem.objects.create(label="Also 5", url="/also/", position=5)
    assert [label for label, _ in current()[1]] == ["First", "Later", "Also 5"]


def test_a_menu_item_links_to_its_category_else_its_address_else_home():
    movie = Category.objects.get(slug="movie")
    assert MenuItem(label="M", category=movie, url="/ignored/").get_absolute_url() == \
        "/category/movie/"
    assert MenuItem(label="X", url="https://example.com/x").get_absolute_url() == \
        "https://example.com/x"
    assert MenuItem(label="Nowhere").get_absolute_url() == "/"
    assert str(MenuItem(label="Nowhere")) == "Nowhere"


def test_adding_moving_and_deleting_menu_items_shows_at_once():
    current()
    item = MenuItem.objects.create(label="Tips", url="/tips/", position=1)
    assert current()[1][1] == ("Tips", "/tips/")
    item.position = 1000
    item.save()
    assert current()[1][-1] == ("Tips", "/tips/")
    item.delete()
    assert current()[1] == SEEDED_MENU


def test_a_renamed_category_is_linked_at_its_new_address():
    current()
    movie = Category.objects.get(slug="movie")
    movie.slug = "film"
    movie.save()
    assert ("Movie", "/category/film/") in current()[1]


def test_a_deleted_category_leaves_the_menu():
    current()
    Category.objects.get(slug="comics").delete()
    assert current()[1] == [item for item in SEEDED_MENU if item[0] != "Comics"]
