"""A story's page: every outlet's take on one event, the lead first, then in time order."""

from django.http import Http404
from django.shortcuts import redirect, render

from dramawired.news.generations import TTL, site_generation
from dramawired.news.pagecache import cached_page
from dramawired.news.views.listing import cards, sidebar

from .models import Story


def takes(story: Story) -> list:
    """The story's published posts as cards: the lead first, the rest oldest first."""
    posts = list(cards().filter(story_link__story=story).select_related("source")
                 .order_by("published_at", "pk"))
    posts.sort(key=lambda p: p.pk != story.lead_id)  # stable: the rest keep their order
    return posts


@cached_page(reads=())
def story(request, key: str):
    """/story/<id>-<slug>/; any other spelling of the address redirects to it (a story's
    slug follows its lead's headline)."""
    number, _, _ = key.partition("-")
    if not number.isdigit():
        raise Http404("No story here")
    found = Story.objects.filter(pk=int(number)).first()
    if found is None:  # a hidden story keeps its page: it is only out of Top stories
        raise Http404("No story here")
    if request.path != found.get_absolute_url():
        return redirect(found, permanent=True)
    posts = takes(found)
    if not posts:
        raise Http404("No story here")
    return render(request, "stories/story.html", {
        "story": found, "posts": posts, "lead": posts[0],
        "outlets": len({p.source_id or p.pk for p in posts}),
        "generation": site_generation(), "kept_for": TTL, **sidebar(),
    })
