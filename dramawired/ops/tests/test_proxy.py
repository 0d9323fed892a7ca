"""The reader's address behind nginx: X-Real-IP (and X-Forwarded-Proto) are believed only
on requests that came from a trusted proxy, and only when the site says it sits behind
one; otherwise a client could pick its own address, a new one for every request."""

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from dramawired.comments import spam
from dramawired.comments.models import Comment
from dramawired.news.models import Post
from dramawired.ops.proxy import RealAddressMiddleware

LOOPBACK = ["127.0.0.1", "::1"]


def _seen(peer="127.0.0.1", **headers) -> dict:
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **headers)
    return RealAddressMiddleware(lambda r: r.META)(request)


@pytest.mark.parametrize("behind, header, seen", [
    (True, "203.0.113.9", "203.0.113.9"),
    (True, "", "127.0.0.1"),
    (True, "not-an-address", "127.0.0.1"),  # nginx writes an address; anything else is not
    (True, "2001:db8::7", "2001:db8::7"),
    (False, "203.0.113.9", "127.0.0.1"),
])
def test_x_real_ip_only_behind_a_proxy(behind, header, seen):
    with override_settings(DRAMAWIRED_BEHIND_PROXY=behind, DRAMAWIRED_TRUSTED_PROXIES=LOOPBACK):
        assert _seen(HTTP_X_REAL_IP=header)["REMOTE_ADDR"] == seen


@pytest.mark.parametrize("peer, proxies, trusted", [
    ("127.0.0.1", LOOPBACK, True),
    ("::1", LOOPBACK, True),
    ("::ffff:127.0.0.1", LOOPBACK, True),  # IPv4 on a dual-stack socket
    ("198.51.100.7", LOOPBACK, False),  # a client that reached gunicorn directly
    ("127.0.0.2", LOOPBACK, False),
    ("10.0.0.5", ["10.0.0.0/24"], True),  # nginx on another machine of the network
    ("10.0.1.5", ["10.0.0.0/24"], False),
])
def test_the_header_counts_only_from_a_trusted_proxy(peer, proxies, trusted):
    with override_settings(DRAMAWIRED_BEHIND_PROXY=True, DRAMAWIRED_TRUSTED_PROXIES=proxies):
        meta = _seen(peer, HTTP_X_REAL_IP="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert meta["REMOTE_ADDR"] == ("203.0.113.9" if trusted else peer)
    # Only the proxy may say the reader came over HTTPS (SECURE_PROXY_SSL_HEADER).
    assert ("HTTP_X_FORWARDED_PROTO" in meta) == trusted


def test_it_runs_before_everything_that_reads_the_address(settings):
    assert settings.MIDDLEWARE[0] == "dramawired.ops.proxy.RealAddressMiddleware"
    assert settings.DRAMAWIRED_TRUSTED_PROXIES == LOOPBACK  # the default: nginx beside us


@pytest.mark.django_db
def test_a_direct_client_cannot_dodge_the_comment_rate_limit(client, settings):
    """The review's finding: a client reaching gunicorn directly, rotating X-Real-IP, got 7
    comments out of 7 past the limit of 5 per address."""
    settings.DRAMAWIRED_BEHIND_PROXY = True  # the production default
    post = Post.objects.create(title="A story", slug="a-story", url_key="k",
                               original_url="https://pub.example/a", body="<p>Words.</p>",
                               published_at=timezone.now())
    codes = []
    for n in range(spam.RATE_LIMIT + 2):
        form = {"name": "Ana", "email": "ana@example.com", "website": "", "parent": "",
                "contact": "", "body": f"Comment number {n}",
                "ts": spam.signing.dumps([post.pk, int(timezone.now().timestamp()) - 10],
                                         salt=spam.SALT)}
        response = client.post(f"/comments/post/{post.pk}/", form,
                               headers={"Origin": "http://testserver",
                                        "X-Real-IP": f"203.0.113.{n + 1}"},
                               REMOTE_ADDR="198.51.100.7")
        codes.append(response.status_code)
    assert codes == [302] * spam.RATE_LIMIT + [429, 429]
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
