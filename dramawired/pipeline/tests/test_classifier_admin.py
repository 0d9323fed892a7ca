"""Editors teach the classifier from the admin: changing a post's category or confirming
it marks the post as filed by an editor; categories carry a description; a button retrains
the classifier as a job."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from dramawired.news.models import Category, Post
from dramawired.pipeline import classify
from dramawired.pipeline.models import JobRun, TrainedClassifier


@pytest.fixture
def post(db):
    return Post.objects.create(title="Band splits after twenty years", slug="band-splits",
                               original_url="https://example.com/1", url_key="k1",
                               category=Category.objects.get(slug="gossip"),
                               category_by=Post.FiledBy.CONTENT)


def _change(editor, post, **changes):
    url = reverse("admin:news_post_change", args=[post.pk])
    form = editor.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(published_at_0=post.published_at.date(), published_at_1="09:30:00",
                tags=[], author="", **{"syndications-TOTAL_FORMS": 0,
                                       "syndications-INITIAL_FORMS": 0}, **changes)
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post.refresh_from_db()


@pytest.mark.django_db
def test_an_editor_changing_the_category_files_the_post(editor, post):
    _change(editor, post, title=post.title + "!")
    assert post.edited and post.category_by == Post.FiledBy.CONTENT  # category untouched
    _change(editor, post, category=Category.objects.get(slug="music").pk)
    assert post.category.slug == "music" and post.category_by == Post.FiledBy.EDITOR


@pytest.mark.django_db
def test_confirming_a_category_teaches_without_freezing_the_post(editor, post):
    response = editor.post(reverse("admin:news_post_changelist"), {
        "action": "confirm_category", "_selected_action": [post.pk]}, follow=True)
    assert "Confirmed the category of 1 posts" in response.content.decode()
    post.refresh_from_db()
    assert post.category_by == Post.FiledBy.EDITOR and not post.edited
    listing = editor.get(reverse("admin:news_post_changelist"), {"category_by": "editor"})
    assert post.title in listing.content.decode()


@pytest.mark.django_db
def test_the_category_form_says_its_description_teaches_the_classifier(editor):
    movie = Category.objects.get(slug="movie")
    page = editor.get(reverse("admin:news_category_change", args=[movie.pk]))
    html = page.content.decode()
    assert "teaches the classifier" in html and "box office" in movie.description
    assert escape(movie.description) in html


@pytest.mark.django_db
def test_the_retrain_button_queues_a_job_that_trains(editor, run_jobs):
    listing = editor.get(reverse("admin:news_category_changelist")).content.decode()
    assert "Retrain the classifier now" in listing and "no classifier trained yet" in listing
    response = editor.post(reverse("admin:news_category_retrain"), follow=True)
    assert "Retraining the classifier" in response.content.decode()
    assert not TrainedClassifier.objects.exists()  # queued, not run in the request
    assert run_jobs() == 1
    job = JobRun.objects.get(name="retrain")
    movies = sum(e.label == "movie" for e in classify.seed()) + 1  # and its description
    assert job.state == JobRun.State.DONE and f"Movie: {movies}," in job.message
    row = TrainedClassifier.objects.get()
    assert editor.get(reverse("admin:news_category_retrain")).status_code == 405
    listing = editor.get(reverse("admin:pipeline_trainedclassifier_changelist"))
    assert row.summary[:40] in listing.content.decode()
    assert editor.get(reverse("admin:pipeline_trainedclassifier_change",
                              args=[row.pk])).status_code == 200
