"""The whole pipeline files stories from a feed that names no category, from a source
with no default, by what they are about (and leaves an off-topic one Uncategorized)."""

import pytest

from dramawired.news.models import Post
from dramawired.pipeline.run import ingest
from dramawired.sources.models import Source

from .hostile import HostileServer

ITEMS = [  # our own writing: (headline, story)
    ("Space western 'Dust Circuit' tops the box office",
     "The space western opened to $52 million in cinemas this weekend, and its director "
     "is already in talks about a sequel with the studio."),
    ("Singer announces arena tour and a new album",
     "The singer's third album arrives in March, followed by twenty arena concerts across "
     "Europe; tickets go on sale on Friday."),
    ("Mayor sets out plan to cut bus fares",
     "The mayor told the council that fares would fall by a fifth from April, paid for by "
     "a new levy on city-centre parking."),
]


def _rss() -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://outlet.example/{n}</link>"
        f"<guid>https://outlet.example/{n}</guid><description>{text}</description></item>"
        for n, (title, text) in enumerate(ITEMS))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>'
            f"<link>https://outlet.example/</link>{entries}</channel></rss>").encode()


@pytest.mark.django_db
def test_a_category_less_feed_is_filed_by_content():
    with HostileServer() as server:
        Source.objects.create(name="General outlet", full_text=False, feed_url=server.route(
            "/feed", body=_rss(), headers={"Content-Type": "application/rss+xml"}))
        [report] = ingest()
    assert report.new == 3, report.error
    filed = {p.title: (p.category.name, p.category_by) for p in Post.objects.all()}
    assert filed == {
        ITEMS[0][0]: ("Movie", Post.FiledBy.CONTENT),
        ITEMS[1][0]: ("Music", Post.FiledBy.CONTENT),
        ITEMS[2][0]: ("Uncategorized", Post.FiledBy.NONE),
    }
