"""The classic sample imported: statuses, exact titles, dates, authors, categories, tags,
comments and their threads, pages, counters, what is skipped and why; a second run
updates; a dry run saves nothing."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from dramawired.comments.models import Comment
from dramawired.news.models import Author, Category, Post
from dramawired.wordpress.models import ImportedComment, ImportedItem, OldAddress, SitePage

from .conftest import TESTDATA, run_import

TITLE = "Odile Brancato & The Glass Harbour: “We’re back” 🎭"


def test_posts_by_status_with_their_fields(imported):
    assert imported.states["posts: publish"] == 1 and imported.made["posts"] == 5
    post = Post.objects.get(title=TITLE)
    assert post.slug == "odile-brancato-glass-harbour-return"
    assert post.status == Post.Status.PUBLISHED
    assert post.published_at == datetime(2024, 5, 16, 18, 30, tzinfo=UTC)
    assert post.excerpt == "The cast met again for a read-through."
    assert post.author.name == "Penny Wexford"
    assert post.lead_image == "http://old.marquee.test/wp-content/uploads/2024/05/harbour-cast.jpg"
    assert post.view_count == 1234
    assert sorted(post.tags.values_list("name", flat=True)) == ["Odile Brancato",
                                                                "The Glass Harbour"]
    assert "$640 a pair" in post.body and "[sic]" in post.body
    assert ImportedItem.objects.get(wp_id=101).sticky
    drafts = Post.objects.filter(status=Post.Status.DRAFT)
    assert sorted(drafts.values_list("title", flat=True)) == [
        "Draft: who replaces the lighting designer?", "Pending: the understudy speaks",
        "Private: notes from the costume fitting"]
    future = Post.objects.get(slug="opening-night")
    assert future.status == Post.Status.PUBLISHED and future.published_at > timezone.now()
    assert not Post.objects.published().filter(pk=future.pk).exists()  # until its time


def test_nested_categories_map_onto_ours_by_name(imported):
    post = Post.objects.get(title=TITLE)
    # "Trailers" (under "Screen") is none of ours; its parent is now: filed there.
    assert post.category.name == "Screen" and post.category_by == Post.FiledBy.EDITOR
    assert Post.objects.get(slug="opening-night").category.name == "Movie"  # one we had
    assert Category.objects.get(name="Backstage Whispers").description == "What the crews say"
    assert Post.objects.get(slug="pending-the-understudy-speaks").category.name == \
        "Uncategorized"


def test_comments_threaded_with_their_state(imported):
    by_name = {c.name: c for c in Comment.objects.all()}
    assert set(by_name) == {"Reader One", "Reader Two", "Reader Three", "Cheap Pills",
                            "Second Thoughts"}  # the pingback is no comment
    one, two, three = by_name["Reader One"], by_name["Reader Two"], by_name["Reader Three"]
    assert (two.parent, three.parent) == (one, two) and three.depth == 2
    assert one.body == "Finally! I loved the first run & the songs."
    assert one.website == "https://one.example.test/" and one.ip_address == "192.0.2.10"
    assert three.website == "" and three.ip_address is None  # javascript:, not an address
    assert [one.status, three.status, by_name["Cheap Pills"].status] == [
        Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM]
    trashed = by_name["Second Thoughts"]
    assert trashed.status == Comment.Status.SPAM
    assert ImportedComment.objects.get(comment=trashed).wp_state == "trash"
    assert imported.states["comments: trash"] == 1


def test_pages_authors_and_what_was_skipped(imported):
    assert sorted(SitePage.objects.values_list("url", "title")) == [
        ("/about/", "About Marquee Gossip"), ("/about/team/", "Our team")]
    assert "script" not in SitePage.objects.get(url="/about/").content
    assert set(Author.objects.values_list("name", flat=True)) >= {"Penny Wexford",
                                                                  "The Night Desk"}
    assert dict(imported.skipped) == {
        "taxonomy 'nav_menu'": 1, "comment type 'pingback'": 1, "post status 'trash'": 1,
        "post type 'nav_menu_item' (site machinery)": 1, "post type 'product' (unknown)": 1}


def test_a_second_run_updates_and_never_duplicates(imported):
    counts = (Post.objects.count(), Comment.objects.count(), SitePage.objects.count(),
              OldAddress.objects.count(), Category.objects.count())
    post = Post.objects.get(title=TITLE)
    Post.objects.filter(pk=post.pk).update(view_count=2000)  # read here since
    again = run_import(TESTDATA / "classic.xml")
    assert again.made["posts"] == 5 and again.made["categories created"] == 0
    assert counts == (Post.objects.count(), Comment.objects.count(), SitePage.objects.count(),
                      OldAddress.objects.count(), Category.objects.count())
    post.refresh_from_db()
    assert post.view_count == 2000 and post.slug == "odile-brancato-glass-harbour-return"


def test_an_editors_change_is_kept(imported):
    Post.objects.filter(title=TITLE).update(title="Edited", edited=True)
    summary = run_import(TESTDATA / "classic.xml")
    assert Post.objects.filter(title="Edited").exists()
    assert summary.skipped["post changed by an editor since it was imported (kept)"] == 1


@pytest.mark.django_db
def test_dry_run_saves_nothing():
    summary = run_import(TESTDATA / "classic.xml", dry_run=True)
    assert summary.made["posts"] == 5 and summary.dry_run
    assert not Post.objects.exists() and not OldAddress.objects.exists()


@pytest.mark.django_db
def test_category_map_and_unknown_to_uncategorized(tmp_path):
    mapping = tmp_path / "map.txt"
    mapping.write_text("# ours\nScreen/Trailers => TV\nbackstage => Celebrity\n")
    run_import(TESTDATA / "classic.xml", category_map=str(mapping), create=False)
    assert Post.objects.get(title=TITLE).category.name == "TV"
    assert Post.objects.get(slug__startswith="draft-").category.name == "Celebrity"
    assert not Category.objects.filter(name__in=["Screen", "Backstage Whispers"]).exists()


@pytest.mark.django_db
def test_a_cut_file_keeps_the_good_items(tmp_path):
    data = (TESTDATA / "classic.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"<title><![CDATA[Pending")])
    summary = run_import(cut)
    assert Post.objects.count() == 2 and summary.read > 0
    assert "breaks off or is malformed" in summary.errors[0]


@pytest.mark.django_db
def test_password_protected_posts_wait_and_comments_on_pages_are_reported(tmp_path):
    comment = ("<wp:comment><wp:comment_id>77</wp:comment_id><wp:comment_author>Visitor"
               "</wp:comment_author><wp:comment_content>Nice page</wp:comment_content>"
               "<wp:comment_approved>1</wp:comment_approved></wp:comment>")
    text = (TESTDATA / "classic.xml").read_text().replace(
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        "<wp:post_password><![CDATA[enter]]></wp:post_password>").replace(
        "<wp:post_name><![CDATA[about]]></wp:post_name>",
        "<wp:post_name><![CDATA[about]]></wp:post_name>" + comment)
    export = tmp_path / "export.xml"
    export.write_text(text)
    summary = run_import(export)
    assert Post.objects.get(title=TITLE).status == Post.Status.DRAFT
    assert summary.states["posts: password-protected, held as draft"] == 1
    assert summary.skipped["comment on a page (our site pages take no comments)"] == 1
