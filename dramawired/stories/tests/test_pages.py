"""What readers see of stories: Also covered by, the story page, Top stories, trending,
the sitemap; and the demo's events grouped as real outlets' coverage would be."""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.db.models import Max, Min

from dramawired.demo.events import EVENTS, SAME_STAR
from dramawired.news.generations import bump_site
from dramawired.news.models import Post, Tag
from dramawired.stories.grouping import group
from dramawired.stories.models import Story
from dramawired.stories.ranking import draw_trending
from dramawired.stories.repair import repair

TAKES = [("Jasper Okonkwo and Marisol Ide are engaged after kiln proposal", "Starlight Daily"),
         ("Jasper Okonkwo engaged to Marisol Ide: the kiln proposal", "The Tea Kettle"),
         ("Kiln proposal: Jasper Okonkwo, Marisol Ide engaged", "Channel Surf")]


def story_of_three(make_post):
    posts = [make_post(title, outlet, minutes=30 - 10 * n)
             for n, (title, outlet) in enumerate(TAKES)]
    links = [group(p) for p in posts]
    assert len({link.story_id for link in links}) == 1
    return posts, Story.objects.get()


def test_an_article_shows_the_other_outlets_takes(client, make_post):
    posts, story = story_of_three(make_post)
    page = client.get(posts[0].get_absolute_url()).content.decode()
    block = page[page.index("Also covered by"):]
    assert TAKES[1][0] in block and TAKES[2][0] in block and "The Tea Kettle" in block
    assert f'href="{story.get_absolute_url()}"' in block and "3 takes" in block
    lonely = make_post("Benny Ortiz renews Late Hours through 2029")
    group(lonely)
    assert "Also covered by" not in client.get(lonely.get_absolute_url()).content.decode()


def test_a_new_take_redraws_the_stored_pages_of_its_story(client, make_post):
    posts, _ = story_of_three(make_post)
    assert client.get(posts[0].get_absolute_url())["X-Cache"] == "miss"
    assert client.get(posts[0].get_absolute_url())["X-Cache"] == "hit"
    late = make_post("Jasper Okonkwo, Marisol Ide engaged; kiln proposal details", "Reel")
    group(late)
    page = client.get(posts[0].get_absolute_url())
    assert "Jasper Okonkwo, Marisol Ide engaged; kiln proposal details" in page.content.decode()


def test_the_story_page_lists_every_take_lead_first(client, make_post):
    posts, story = story_of_three(make_post)
    page = client.get(story.get_absolute_url()).content.decode()
    order = [page.index(title) for title, _ in TAKES]
    assert order == sorted(order)  # the earliest leads, then in time order
    assert "Full coverage · 3 outlets" in page
    assert f'<meta property="og:title" content="{story.title}">' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                              re.S).group(1))
    assert ld["@type"] == "CollectionPage" and ld["mainEntity"]["numberOfItems"] == 3
    wrong = client.get(f"/story/{story.pk}-some-old-title/")
    assert wrong.status_code == 301 and wrong["Location"] == story.get_absolute_url()
    assert client.get("/story/nope/").status_code == 404
    assert client.get("/story/999999/").status_code == 404
    sitemap = client.get("/sitemap-stories.xml").content.decode()
    assert story.get_absolute_url() in sitemap


def test_top_stories_rank_outlets_and_obey_editors(client, make_post):
    _, story = story_of_three(make_post)
    pair = [make_post("Nova Reyes drops surprise album Afterglass", "Backbeat Wire"),
            make_post("Surprise album: Nova Reyes releases Afterglass", "Starlight Daily")]
    for post in pair:
        group(post)
    other = Story.objects.exclude(pk=story.pk).get()
    home = client.get("/").content.decode()
    top = home[home.index("Top stories"):home.index("Latest")]
    assert top.index(story.title) < top.index(other.title)  # three outlets before two
    other.pinned = True
    other.save()
    top = client.get("/").content.decode()
    top = top[top.index("Top stories"):top.index("Latest")]
    assert top.index(other.title) < top.index(story.title) and "pinned" in top
    story.hidden = True
    story.save()
    assert story.title not in client.get("/").content.decode().split("Latest")[0]


def test_trending_is_drawn_by_the_worker_and_drops_a_blocked_name(client, make_post):
    posts, _ = story_of_three(make_post)
    okonkwo = Tag.objects.create(name="Jasper Okonkwo", slug="jasper-okonkwo")
    for post in posts:
        post.tags.add(okonkwo)
    assert "Trending now" not in client.get("/").content.decode()  # pages never count it
    draw_trending()
    bump_site()  # the next publish, or the TTL, redraws the sidebar with it
    home = client.get("/").content.decode()
    assert "Trending now" in home and "Trending names" in home
    assert 'href="/tag/jasper-okonkwo/"' in home
    okonkwo.blocked = True
    okonkwo.save()
    assert 'href="/tag/jasper-okonkwo/"' not in client.get("/").content.decode()


def test_demo_events_form_stories_and_the_same_star_stays_two(site):
    """Through the real pipeline: the demo publishers ingested (conftest's demo dump),
    outlet after outlet as a poll takes them, then the regrouping job as it would have
    run during the events (the demo's articles are dated: a day apart, up to the last).
    """
    first, last = Post.objects.aggregate(first=Min("published_at"),
                                         last=Max("published_at")).values()
    at = max(first, last - timedelta(days=10))
    while at <= last + timedelta(days=1):
        repair(now=at)
        at += timedelta(days=1)
    story_of = {}
    for name, refs in EVENTS.items():
        slugs = {ref.split("/")[1] for ref in refs}
        posts = [p for p in Post.objects.select_related("story_link", "source")
                 if urlsplit(p.original_url).path.rstrip("/").rsplit("/", 1)[-1] in slugs]
        assert len(posts) == len(refs), name
        stories = {p.story_link.story_id for p in posts}
        assert len(stories) == 1, "\n".join(f"{p.story_link.story_id} {p.title}" for p in posts)
        story_of[name] = stories.pop()
    assert len(set(story_of.values())) == len(EVENTS)
    assert story_of[SAME_STAR[0]] != story_of[SAME_STAR[1]]
    assert Story.objects.get(pk=story_of[SAME_STAR[0]]).outlet_count == 4


def test_staff_sees_and_steers_stories_in_the_admin(client, make_post):
    posts, story = story_of_three(make_post)
    client.force_login(User.objects.create_superuser("ed", "ed@example.com", "pw"))
    change = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert all(title in change for title, _ in TAKES)
