"""Editors change the one settings row (never add a second, never delete it) and the menu
(order it from the list), and the site shows each change at once."""

import pytest

from dramawired.siteconfig.models import MenuItem, SiteSettings, current

SETTINGS = "/admin/siteconfig/sitesettings/"
MENU = "/admin/siteconfig/menuitem/"

pytestmark = pytest.mark.django_db


def test_settings_cannot_be_added_twice_or_deleted(editor):
    assert editor.get(SETTINGS + "add/").status_code == 403
    assert editor.get(SETTINGS + "1/delete/").status_code == 403
    listing = editor.get(SETTINGS).content.decode()
    assert 'href="/admin/siteconfig/sitesettings/add/"' not in listing
    assert "delete_selected" not in listing
    SiteSettings.objects.all().delete()  # a database without its seed row
    assert editor.get(SETTINGS + "add/").status_code == 200


def test_editing_the_settings_changes_the_site_at_once(editor):
    current()
    form = editor.get(SETTINGS + "1/change/").context["adminform"].form
    data = {**form.initial, "name": "Gossip — $1 & More", "base_url": "news.example.com",
            "canonical_to_source": ""}
    assert editor.post(SETTINGS + "1/change/", data).status_code == 302
    settings = current()[0]
    assert settings.name == "Gossip — $1 & More"
    assert settings.base_url == "https://news.example.com"  # typed without a scheme
    assert settings.canonical_to_source is False
    assert SiteSettings.objects.count() == 1


def test_the_menu_is_reordered_from_its_list(editor):
    items = list(MenuItem.objects.all())
    assert [label for label, _ in current()[1]][:2] == ["Home", "Celebrity"]
    data = {"form-TOTAL_FORMS": len(items), "form-INITIAL_FORMS": len(items), "_save": "Save"}
    for i, item in enumerate(items):
        data[f"form-{i}-id"] = item.pk
        data[f"form-{i}-position"] = 0 if item.label == "Celebrity" else item.position + 1
    assert editor.post(MENU, data).status_code == 302
    assert [label for label, _ in current()[1]][:2] == ["Celebrity", "Home"]


def test_menu_items_deleted_together_leave_the_menu_at_once(editor):
    current()
    gone = MenuItem.objects.filter(label__in=["Gossip", "Comics"])
    response = editor.post(MENU, {"action": "delete_selected", "post": "yes",
                                  "_selected_action": [m.pk for m in gone]})
    assert response.status_code == 302
    labels = [label for label, _ in current()[1]]
    assert len(labels) == 7 and "Gossip" not in labels and "Comics" not in labels


def test_a_menu_item_is_added_with_a_category_or_an_address(editor):
    response = editor.post(MENU + "add/", {"label": "Tips", "url": "/tips/", "position": 95})
    assert response.status_code == 302
    assert current()[1][-1] == ("Tips", "/tips/")
    assert "Tips" in editor.get(MENU).content.decode()
