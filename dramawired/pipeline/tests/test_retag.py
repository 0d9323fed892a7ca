"""Retagging stored posts: the tagger and the vocabulary run again on the stored title and
body; a dry run changes nothing, and editors' hand changes stay."""

from io import StringIO

import pytest
from django.core.management import call_command

from dramawired.news.models import Category, Post, Tag
from dramawired.pipeline.retag import retag

BODY = (
    "<p>Sienna Vale will star in Glass Tower, the new thriller from Silverlake Pictures, "
    "the studio said on Tuesday. Vale plays an architect who finds a hidden floor.</p>"
    "<p>Director Theo Marchetti shoots the film in Lisbon this spring. Marchetti told "
    "Panel &amp; Page that Glass Tower was written for Vale.</p>"
    "<p>Silverlake Pictures opens Glass Tower next year; Sienna Vale is attached to "
    "produce.</p>")


def _post(n: int, *tag_names: str, **fields) -> Post:
    post = Post.objects.create(title="Sienna Vale to Star in Silverlake Pictures' Glass Tower",
                               slug=f"glass-tower-{n}", url_key=f"k{n}", body=BODY,
                               original_url=f"https://pub.example/{n}", **fields)
    post.tags.set(Tag.for_names(list(tag_names)))
    return post


def _names(post: Post) -> set[str]:
    return {t.name for t in post.tags.all()}


@pytest.fixture
def posts(db):
    music, _ = Category.objects.get_or_create(slug="music", defaults={"name": "Music"})
    return {
        "auto": _post(1, "Wars", "Lord"),
        "edited": _post(2, "Wars", edited=True),
        "filed": _post(3, "Lord", category=music, category_by=Post.FiledBy.EDITOR),
    }


def test_a_dry_run_says_what_would_change_and_changes_nothing(posts):
    tags_before = set(Tag.objects.values_list("slug", flat=True))
    report = retag(dry_run=True)
    assert report.seen == 3 and report.changed >= 2
    assert {"Sienna Vale", "Glass Tower"} <= set(report.added)
    assert report.removed["Wars"] == 1 and report.removed["Lord"] == 2
    assert _names(Post.objects.get(pk=posts["auto"].pk)) == {"Wars", "Lord"}
    assert set(Tag.objects.values_list("slug", flat=True)) == tags_before


def test_retag_replaces_junk_tags_and_keeps_editors_changes(posts):
    report = retag()
    auto = Post.objects.get(pk=posts["auto"].pk)
    assert {"Sienna Vale", "Glass Tower", "Silverlake Pictures"} <= _names(auto)
    assert not {"Wars", "Lord"} & _names(auto)
    assert _names(Post.objects.get(pk=posts["edited"].pk)) == {"Wars"}
    filed = Post.objects.get(pk=posts["filed"].pk)
    assert filed.category.name == "Music" and filed.category_by == Post.FiledBy.EDITOR
    assert not {"Lord"} & _names(filed)  # not edited: its tags are the tagger's
    assert report.tags_kept == 1 and report.category_kept == 1
    # Nothing left to change the second time.
    assert retag().changed == 0


def test_the_command_prints_a_summary(posts):
    out = StringIO()
    call_command("retag", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "3 posts:" in text and "would change" in text
    assert "Tags removed: Lord (2), Wars (1)" in text
    assert _names(Post.objects.get(pk=posts["auto"].pk)) == {"Wars", "Lord"}
