"""A new post joins the story it reports, or starts its own, as it is published."""

import io

from django.core.management import call_command
from django.utils import timezone

from dramawired.news.models import Post
from dramawired.pipeline.dedupe import cheap_keys
from dramawired.pipeline.items import Article, FeedItem
from dramawired.pipeline.publish import publish
from dramawired.sources.models import Source
from dramawired.stories import similarity
from dramawired.stories.grouping import WINDOW, candidates, group
from dramawired.stories.models import Story, StoryKey, StoryPost

ENGAGED = "Jasper Okonkwo and Marisol Ide are engaged after a kiln proposal"


def article(title: str, text: str, source: Source, tags=()) -> Article:
    item = FeedItem(guid=title, url=f"https://{source.pk}.example.com/{len(title)}",
                    title=title)
    return Article(item=item, keys=cheap_keys(item, source.pk), title=title,
                   body_html=f"<p>{text}</p>", excerpt=text[:100], text=text,
                   tags=list(tags))


def test_publishing_groups_each_new_post(db):
    """Through the pipeline's publish stage (its post_published signal): two outlets'
    takes on one event make one story of two outlets; the post keeps its place when the
    publisher revises it."""
    one = Source.objects.create(name="Starlight Daily", feed_url="https://a.example.com/f")
    two = Source.objects.create(name="The Tea Kettle", feed_url="https://b.example.com/f")
    first = publish(article(ENGAGED, "The actor proposed at her studio in Santa Fe.", one,
                            ["Jasper Okonkwo", "Marisol Ide"]), one).post
    second = publish(article("Jasper Okonkwo engaged to ceramicist Marisol Ide",
                             "He proposed at her Santa Fe studio, by the kiln.", two,
                             ["Jasper Okonkwo", "Marisol Ide"]), two).post
    story = first.story_link.story
    assert second.story_link.story == story
    story.refresh_from_db()
    assert (story.post_count, story.outlet_count, story.lead_id) == (2, 2, first.pk)
    assert story.title == ENGAGED and story.get_absolute_url() == \
        f"/story/{story.pk}-{story.slug}/"
    again = publish(article(ENGAGED, "Updated: the wedding is set for June.", one,
                            ["Jasper Okonkwo"]), one)
    assert again.outcome == "updated" and StoryPost.objects.count() == 2


def test_a_different_event_starts_its_own_story(make_post):
    engaged = group(make_post(ENGAGED), "The actor proposed at her studio.",
                    ("Jasper Okonkwo", "Marisol Ide"))
    cast = group(make_post("Jasper Okonkwo lands Captain Comet lead in Streamline series",
                           outlet="Channel Surf"),
                 "Filming on the superhero series starts in March in Vancouver.",
                 ("Jasper Okonkwo", "Captain Comet"))
    assert engaged.story_id != cast.story_id and Story.objects.count() == 2


def test_a_story_is_looked_for_within_the_window_only(make_post):
    old = group(make_post(ENGAGED, minutes=int(WINDOW.total_seconds() / 60) + 60))
    new = group(make_post("Jasper Okonkwo, Marisol Ide engaged: kiln proposal",
                          outlet="The Tea Kettle"))
    assert old.story_id != new.story_id
    # Its keys remember the story's newest use: the index a look-up reads.
    assert StoryKey.objects.filter(story_id=new.story_id, key="okonkwo").exists()


def test_same_outlet_twice_is_one_outlet_and_the_earliest_take_leads(make_post):
    later = group(make_post(ENGAGED, minutes=5))
    earlier = group(make_post("Jasper Okonkwo and Marisol Ide engaged, kiln proposal",
                              minutes=30))
    story = Story.objects.get()
    assert later.story_id == earlier.story_id
    assert (story.post_count, story.outlet_count, story.lead_id) == (2, 1, earlier.post_id)
    assert story.first_published_at < story.last_published_at


def test_drafts_wait_for_the_regrouping_job(make_post):
    assert group(make_post(ENGAGED, status=Post.Status.DRAFT)) is None
    assert not Story.objects.exists()


def test_a_grouping_failure_never_loses_the_post(db, monkeypatch, caplog):
    """The post is written in the same transaction: grouping's failure rolls back alone."""
    source = Source.objects.create(name="Starlight Daily", feed_url="https://a.example.com/f")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("dramawired.stories.signals.group", broken)
    result = publish(article(ENGAGED, "The actor proposed.", source), source)
    assert result.outcome == "new" and Post.objects.filter(pk=result.post.pk).exists()
    assert not StoryPost.objects.exists() and "not grouped" in caplog.text


def test_cost_does_not_grow_with_the_archive(make_post, django_assert_max_num_queries):
    """Stories outside the window are never read: the same few queries at any size."""
    long_ago = timezone.now() - 3 * WINDOW
    for n in range(30):
        post = make_post(f"Jasper Okonkwo story number {n} about kilns")
        Post.objects.filter(pk=post.pk).update(published_at=long_ago)
        post.refresh_from_db()
        group(post)
    take = make_post(ENGAGED, outlet="Channel Surf")
    # look-up, story, link, keys, and the savepoint a test's transaction adds around them
    with django_assert_max_num_queries(6):
        assert group(take).story.post_count == 1


def test_stored_posts_are_grouped_oldest_first_by_the_command(make_post):
    """An archive (imported, or from before stories): each post as if published in turn,
    whatever its age; posts already in a story stay where they are."""
    days = int(WINDOW.total_seconds() / 60) * 10
    old = [make_post(ENGAGED, minutes=days), make_post(
        "Jasper Okonkwo, Marisol Ide engaged: kiln proposal", "The Tea Kettle",
        minutes=days - 60)]
    placed = group(make_post("Benny Ortiz renews Late Hours through 2029"))
    out = io.StringIO()
    call_command("group-stories", stdout=out)
    assert "2 posts grouped" in out.getvalue()
    assert {p.story_link.story_id for p in old} == {old[0].story_link.story_id}
    assert StoryPost.objects.get(pk=placed.pk).story_id == placed.story_id
    assert Story.objects.count() == 2


def test_a_story_quiet_for_half_a_day_is_not_joined_by_a_headline(make_post):
    """A headline alone looks only at stories with a post in the last HEADLINE_QUIET hours
    (the look-up filters them out); a take with its story, whose opening agrees, is
    still looked for until QUIET hours."""
    quiet = int(similarity.HEADLINE_QUIET * 60)
    old = group(make_post(ENGAGED, minutes=quiet + 6 * 60),
                "The actor proposed to the ceramicist at her studio in Santa Fe, by the kiln.",
                ("Jasper Okonkwo", "Marisol Ide"))
    bare = make_post("Jasper Okonkwo, Marisol Ide engaged: kiln proposal", "The Tea Kettle")
    assert candidates(similarity.terms(bare.title), bare.published_at) == []
    assert group(bare).story_id != old.story_id
    told = group(make_post("Jasper Okonkwo engaged to ceramicist Marisol Ide",
                           outlet="Channel Surf"),
                 "At her Santa Fe studio the actor proposed to the ceramicist, by the kiln.",
                 ("Jasper Okonkwo", "Marisol Ide"))
    assert told.story_id == old.story_id
