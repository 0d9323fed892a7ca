"""Form defaults every app's admin shares.

Django 5 admin forms take a scheme-less address typed by an editor ("example.com/feed") as
http; Django 6 will take it as https, and so do we: `formfield_overrides = HTTPS_URLS`."""

from django.db import models

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
