"""Every template gets the site's settings, its menu and the year."""

from datetime import date

import pytest
from django.test import RequestFactory

from dramawired.siteconfig.context import site
from dramawired.siteconfig.models import MenuItem, SiteSettings

pytestmark = pytest.mark.django_db


def test_the_context_holds_settings_menu_and_year():
    context = site(RequestFactory().get("/"))
    assert set(context) == {"site_settings", "menu", "year", "menu_here"}  # never `site`
    assert context["menu_here"] == "/"
    assert site(RequestFactory().get("/nowhere/"))["menu_here"] == ""
    assert context["site_settings"] == SiteSettings.objects.get()
    assert context["menu"][0] == ("Home", "/") and len(context["menu"]) == 9
    assert context["year"] == date.today().year


def test_every_page_shows_the_edited_settings_and_menu(client):
    settings = SiteSettings.objects.get()
    settings.name, settings.tagline = "Tea & $1 Scoops", "All the <b>tea</b>"
    settings.disclaimer = "We link, \\1 they write."
    settings.save()
    MenuItem.objects.create(label="Tips & Tricks", url="/tips/", position=1)
    page = client.get("/search/?q=nothing").content.decode()
    assert "<title>" in page and "Tea &amp; $1 Scoops" in page
    assert "All the &lt;b&gt;tea&lt;/b&gt;" in page  # settings are text, never markup
    assert f"© {date.today().year} Tea &amp; $1 Scoops. We link, \\1 they write." in page
    assert '<li><a href="/tips/">Tips &amp; Tricks</a></li>' in page
    assert page.index(">Home<") < page.index(">Tips &amp; Tricks<") < page.index(">Celebrity<")
