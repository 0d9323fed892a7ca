"""The comment pages pass the Nu Html Checker, as every page of the site does."""

import json
import subprocess

from django.core import signing

from dramawired.comments.models import Comment
from dramawired.comments.views import PENDING_SALT
from dramawired.news.tests.test_html_valid import VNU

from .conftest import approved, send


def test_comment_pages_are_valid_html(client, post, django_user_model, tmp_path):
    top = approved(post, website="https://ben.example/", body="Hi https://a.example\n\nBye")
    approved(post, parent=approved(post, parent=top), body="deep")
    held = Comment.objects.create(post=post, name="Guest", body="held <b>")
    pages = {"article": client.get(post.get_absolute_url()),
             "reply": client.get(f"/comments/reply/{top.pk}/"),
             "pending": client.get(
                 f"/comments/pending/{signing.dumps(held.pk, salt=PENDING_SALT)}/"),
             "errors": send(client, post, email="bad", parent=str(top.pk))}
    client.force_login(django_user_model.objects.create_user("cleo"))
    pages["article, logged in"] = client.get(post.get_absolute_url())
    files = {}
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        path = tmp_path / f"{len(files)}.html"
        path.write_bytes(response.content)
        files[f"file:{path}"] = name
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *(f.removeprefix("file:") for f in files)],
                         capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    assert [f"{files.get(m.get('url'), '?')}: {m['message']}" for m in messages
            if m.get("type") == "error"] == []
