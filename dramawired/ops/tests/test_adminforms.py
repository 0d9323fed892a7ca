"""Every admin form takes a scheme-less address typed by an editor as https
(dramawired/adminforms.py), as Django 6 will by default."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from dramawired.comments.models import Comment
from dramawired.news.models import Author, Post
from dramawired.siteconfig.models import SiteSettings
from dramawired.sources.models import Source


@pytest.mark.parametrize("model, field", [
    (Source, "feed_url"), (Source, "site_url"), (Post, "original_url"), (Post, "lead_image"),
    (Author, "avatar"), (Comment, "website"), (SiteSettings, "base_url")])
def test_a_scheme_less_address_is_https(model, field, recwarn):
    request = RequestFactory().get("/admin/")
    formfield = admin.site._registry[model].formfield_for_dbfield(
        model._meta.get_field(field), request)
    assert formfield.clean("example.com/feed") == "https://example.com/feed"
    assert formfield.clean("http://example.com/feed") == "http://example.com/feed"
    assert not [w for w in recwarn if "default scheme" in str(w.message)]
