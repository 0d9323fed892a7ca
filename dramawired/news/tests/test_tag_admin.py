"""Editors own the tags: merge (posts move, old addresses redirect), rename (the old
address still works), aliases, block (gone from posts, its page gone)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from dramawired.news.models import Post, Tag, TagAlias
from dramawired.pipeline.vocabulary import resolve

CHANGELIST = reverse("admin:news_tag_changelist")


def _post(n: int, *tags: Tag, edited: bool = False) -> Post:
    post = Post.objects.create(title=f"Story {n}", slug=f"story-{n}", url_key=f"k{n}",
                               original_url=f"https://pub.example/{n}", edited=edited)
    post.tags.set(tags)
    return post


@pytest.fixture
def tags(db):
    names = ["Warner Bros", "Warner Brothers", "Sienna Vale"]
    return [Tag.objects.create(name=n, slug=n.lower().replace(" ", "-")) for n in names]


def test_the_list_searches_and_counts_posts(editor, tags):
    bros, brothers, vale = tags
    _post(1, bros, vale)
    _post(2, bros)
    page = editor.get(CHANGELIST, {"q": "warner"}).content.decode()
    assert "Warner Brothers" in page and "Sienna Vale" not in page
    assert '<td class="field-post_count">2</td>' in page


def test_merge_moves_posts_and_the_old_address_redirects(editor, tags, client):
    bros, brothers, vale = tags
    one, two = _post(1, bros), _post(2, brothers, vale)
    three = _post(3, bros, brothers)
    chosen = {"action": "merge", ACTION_CHECKBOX_NAME: [bros.pk, brothers.pk]}
    confirm = editor.post(CHANGELIST, chosen)
    assert confirm.status_code == 200 and "Tag to keep" in confirm.content.decode()
    done = editor.post(CHANGELIST, {**chosen, "keep": bros.pk})
    assert done.status_code == 302
    assert not Tag.objects.filter(pk=brothers.pk).exists()
    assert {p.pk for p in bros.posts.all()} == {one.pk, two.pk, three.pk}
    assert list(two.tags.order_by("name")) == [vale, bros]
    alias = TagAlias.objects.get(slug="warner-brothers")
    assert alias.tag == bros and alias.name == "Warner Brothers"
    old = client.get("/tag/warner-brothers/")
    assert old.status_code == 301 and old["Location"] == "/tag/warner-bros/"
    for feed in ("feed/", "feed/atom/"):  # feed readers subscribed to it follow too
        old = client.get(f"/tag/warner-brothers/{feed}")
        assert old.status_code == 301 and old["Location"] == f"/tag/warner-bros/{feed}"
    # The tagger's old spelling now files under the kept tag.
    assert [t.pk for t in resolve(["Warner Brothers"])] == [bros.pk]


def test_renaming_moves_the_address_and_keeps_the_old_one(editor, tags, client):
    bros = tags[0]
    _post(1, bros)
    url = reverse("admin:news_tag_change", args=[bros.pk])
    response = editor.post(url, {"name": "Warner Bros. Discovery", "slug": bros.slug,
                                 "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    bros.refresh_from_db()
    assert (bros.name, bros.slug) == ("Warner Bros. Discovery", "warner-bros-discovery")
    assert client.get("/tag/warner-bros/")["Location"] == "/tag/warner-bros-discovery/"
    assert client.get("/tag/warner-bros-discovery/").status_code == 200


def test_a_rename_onto_another_tags_address_asks_for_a_merge(editor, tags):
    bros, brothers, _ = tags
    url = reverse("admin:news_tag_change", args=[brothers.pk])
    response = editor.post(url, {"name": "Warner Bros", "slug": brothers.slug,
                                 "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    assert response.status_code == 200 and "merge the two tags" in response.content.decode()
    assert Tag.objects.get(pk=brothers.pk).name == "Warner Brothers"


def test_aliases_are_edited_inline(editor, tags):
    bros = tags[0]
    url = reverse("admin:news_tag_change", args=[bros.pk])
    response = editor.post(url, {"name": bros.name, "slug": bros.slug,
                                 "aliases-TOTAL_FORMS": 1, "aliases-INITIAL_FORMS": 0,
                                 "aliases-0-name": "WB", "aliases-0-slug": "wb"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [t.pk for t in resolve(["WB"])] == [bros.pk]


def test_blocking_removes_the_tag_from_unedited_posts_and_its_page(editor, tags, client):
    _, _, vale = tags
    auto, edited = _post(1, vale), _post(2, vale, edited=True)
    assert client.get("/tag/sienna-vale/").status_code == 200
    editor.post(CHANGELIST, {"action": "block", ACTION_CHECKBOX_NAME: [vale.pk]})
    vale.refresh_from_db()
    assert vale.blocked
    assert list(auto.tags.all()) == [] and list(edited.tags.all()) == [vale]
    assert client.get("/tag/sienna-vale/").status_code == 404
    assert client.get("/tag/sienna-vale/feed/").status_code == 404
    assert "/tag/sienna-vale/" not in client.get("/story-2/").content.decode()
    assert resolve(["Sienna Vale"]) == []
    editor.post(CHANGELIST, {"action": "unblock", ACTION_CHECKBOX_NAME: [vale.pk]})
    assert client.get("/tag/sienna-vale/").status_code == 200
