import pytest
from django.test import Client

from dramawired.news.models import Post

CHROME = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/130.0 Safari/537.36")


def reader(address: str = "203.0.113.7", agent: str = CHROME, site: str | None = "same-origin",
           **headers) -> Client:
    """A reader's browser on our own page: its address, its agent and, unless site=None
    (an older browser, or a script), the Sec-Fetch-Site a browser sends."""
    if site is not None:
        headers["HTTP_SEC_FETCH_SITE"] = site
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **headers)


def counts(post: Post) -> tuple[int, int]:
    post.refresh_from_db()
    return post.view_count, post.share_count


@pytest.fixture
def post(db):
    return Post.objects.create(title="Counted", slug="counted", url_key="k",
                               original_url="https://pub.example/counted")
