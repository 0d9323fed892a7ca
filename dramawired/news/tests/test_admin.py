"""Editors run the site from the admin: every model has its pages, and they work on
ingested data (including titles with $, & and CJK; the `site` fixture's demo)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from dramawired.news.models import Post, Syndication
from dramawired.sources.models import Source


@pytest.mark.django_db
def test_every_model_has_working_admin_pages(editor, site):
    ours = [m for m in admin.site._registry if m._meta.app_label in ("news", "sources")]
    assert {m.__name__ for m in ours} >= {"Source", "Post", "Category", "Tag", "Author"}
    for model in ours:
        opts = model._meta
        changelist = editor.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.model_name
        obj = model.objects.first()
        change = editor.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change",
                                    args=[obj.pk]))
        assert change.status_code == 200, opts.model_name
    post = Syndication.objects.first().post
    page = editor.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    assert "Also reported by" in page


@pytest.mark.django_db
def test_an_editors_change_marks_the_post_edited(editor, site):
    post = Post.objects.get(title__contains="$640M")
    url = reverse("admin:news_post_change", args=[post.pk])
    form = editor.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(title=post.title + " (updated)", tags=[t.pk for t in post.tags.all()],
                published_at_0=post.published_at.date(), published_at_1="09:30:00",
                status="published", category=post.category_id, author=post.author_id or "",
                **{"syndications-TOTAL_FORMS": 0, "syndications-INITIAL_FORMS": 0})
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post.refresh_from_db()
    assert post.edited and post.title.endswith("$640M Into Hong Kong Entertainment Industry "
                                               "(updated)")


@pytest.mark.django_db
def test_poll_now_and_reset_backoff_actions(editor, publishers, run_jobs):
    source = Source.objects.create(name="Tea", feed_url=publishers.base_url + "/tea-kettle/feed",
                                   consecutive_failures=3)
    url = reverse("admin:sources_source_changelist")
    response = editor.post(url, {"action": "poll_now", "_selected_action": [source.pk]},
                           follow=True)
    assert "Queued 1 sources; a worker polls them within seconds." in \
        response.content.decode()
    assert not Post.objects.filter(source=source).exists()  # queued, not polled inline
    assert run_jobs() == 1
    assert Post.objects.filter(source=source).count() > 0
    source.refresh_from_db()
    assert source.last_success is not None and source.consecutive_failures == 0
    Source.objects.filter(pk=source.pk).update(consecutive_failures=3)  # failing again
    editor.post(url, {"action": "reset_backoff", "_selected_action": [source.pk]})
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.next_attempt is None
