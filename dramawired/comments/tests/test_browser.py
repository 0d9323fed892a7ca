"""A guest comments in a real browser (the system's Chromium), is told the comment awaits
moderation, staff approve it in the admin, and readers then see it and reply: inline with
JavaScript ("Cancel reply" puts the form back), on a page of its own without."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from dramawired.comments import spam
from dramawired.news.tests import test_browser as browser
from dramawired.news.tests.test_browser import READER_UA, alibaba, django_turn, screenshot

# The site's browser fixtures: one Chromium for the module, the demo on a live server.
chromium, _empty_tables = browser.chromium, browser._empty_tables
live_site, open_page, offsite = browser.live_site, browser.open_page, browser.offsite

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def write(page, body: str, name: str = "Ana Lima", email: str = "ana@example.com") -> None:
    form = page.locator("#respond")
    form.locator("#comment-body").fill(body)
    form.locator("#comment-name").fill(name)
    form.locator("#comment-email").fill(email)
    page.wait_for_timeout(spam.MIN_SECONDS * 1000 + 100)  # a person reads, then sends
    form.get_by_role("button", name="Post Comment").click()


def test_guest_comment_is_moderated_then_shown_and_replied_to(live_site, open_page, offsite,
                                                             monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS", 1)  # the 3 s rule itself: test_spam.py
    post = alibaba()
    article = live_site + post.get_absolute_url()
    page = open_page("desktop", user_agent=READER_UA)
    page.goto(article)
    comments = page.locator("#comments")
    expect(comments.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(comments).to_contain_text("Your email address will not be published. "
                                     "Required fields are marked *")
    expect(comments.locator(".cancel-reply")).to_be_hidden()
    expect(page.locator(".comment-count")).to_have_text("0 COMMENTS")

    write(page, "Huge news for Hong Kong film! 香港 💖")
    expect(page).to_have_url(re.compile(r"/comments/pending/[^/]+/$"))
    expect(page.locator(".comment-awaiting")).to_have_text("Your comment is awaiting moderation.")
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page.locator("#comments .comment")).to_have_count(0)  # not yet published

    with django_turn():
        get_user_model().objects.create_superuser("editor", "ed@example.com", "s3cret-pw")
    admin = open_page("desktop")
    admin.goto(live_site + "/admin/comments/comment/?status__exact=pending")
    admin.get_by_label("Username").fill("editor")
    admin.get_by_label("Password").fill("s3cret-pw")
    admin.get_by_role("button", name="Log in").click()
    expect(admin.locator("#result_list tbody tr")).to_have_count(1)
    admin.locator("input.action-select").first.check()
    admin.locator('select[name="action"]').select_option("approve")
    admin.get_by_role("button", name="Go").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 comment approved.")

    page.goto(article)
    comment = page.locator("#comments li.comment").first
    expect(comment).to_contain_text("Huge news for Hong Kong film! 香港 💖")
    expect(comment.locator(".comment-author")).to_have_text("Ana Lima")
    expect(page.locator(".comment-count")).to_have_text("1 COMMENTS")
    screenshot(page, "article-comments-desktop")

    # With JavaScript, Reply brings the form under the comment; Cancel reply takes it back.
    comment.get_by_role("link", name="Reply to Ana Lima").click()
    form = page.locator("#respond")
    expect(comment.locator("#respond")).to_be_visible()
    expect(form.locator("#reply-title")).to_contain_text("Reply to Ana Lima")
    expect(form.locator("#comment-body")).to_be_focused()
    form.get_by_role("link", name="Cancel reply").click()
    expect(comment.locator("#respond")).to_have_count(0)
    expect(form.locator("#reply-title")).to_contain_text("Leave a Reply")
    expect(form.get_by_role("link", name="Cancel reply")).to_be_hidden()
    expect(form.locator('input[name="parent"]')).to_have_value("")

    # Approved once, the reader's reply appears at once, under the comment it answers.
    comment.get_by_role("link", name="Reply to Ana Lima").click()
    write(page, "Replying to myself, approved now.")
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    expect(comment.locator(".children li.comment")).to_contain_text(
        "Replying to myself, approved now.")
    expect(page.locator(".comment-count")).to_have_text("2 COMMENTS")

    # Without JavaScript, Reply opens a page with the comment and the form.
    plain = open_page("phone", java_script_enabled=False)
    plain.goto(article)
    plain.locator("#comments li.comment").first.get_by_role(
        "link", name="Reply to Ana Lima").first.click()
    expect(plain).to_have_url(re.compile(r"/comments/reply/\d+/$"))
    expect(plain.locator("h1")).to_have_text("Reply to Ana Lima")
    expect(plain.locator("#comment-body")).to_be_visible()
    plain.get_by_role("link", name="Cancel reply").click()
    expect(plain).to_have_url(re.compile(re.escape(post.get_absolute_url()) + r"#comment-\d+$"))
    assert offsite == []
