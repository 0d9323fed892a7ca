"""Security headers: a Content-Security-Policy on every page (cached ones too), inline
styles allowed in the admin alone; HSTS in production, on HTTPS requests only. That the
site's pages keep working under the policy is checked in Chromium (test_csp_browser.py)."""

import pytest

from . import embedded

HEADER = "Content-Security-Policy"

SITE_DIRECTIVES = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'",
    "frame-ancestors": "'none'", "connect-src": "'self'",
}


def directives(response, header=HEADER) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response[header].split(";"))


@pytest.mark.django_db
def test_pages_carry_the_policy_when_served_from_the_cache_too(client):
    first, second = client.get("/"), client.get("/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for response in (first, second):
        policy = directives(response)
        assert {k: policy[k] for k in SITE_DIRECTIVES} == SITE_DIRECTIVES
        # Story bodies keep the sanitizer's video players; images come from anywhere.
        frames = policy["frame-src"].split()
        assert "https://*.youtube-nocookie.com" in frames and "https://player.vimeo.com" in frames
        assert all(source.startswith("https://") for source in frames)
        assert policy["img-src"] == "* data:"


@pytest.mark.django_db
def test_the_admin_alone_may_use_inline_styles_never_inline_scripts(editor):
    response = editor.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


@pytest.mark.django_db
def test_under_debug_the_policy_is_only_reported(client, settings):
    settings.DEBUG = True  # Django's debug pages are all inline
    response = client.get("/no-such-story/")
    assert HEADER not in response
    assert directives(response, f"{HEADER}-Report-Only")["script-src"] == "'self'"


HSTS_SEEN = """
import json
from django.test import Client
seen = {}
for peer, proto in [("127.0.0.1", "https"), ("127.0.0.1", "http"), ("198.51.100.7", "https")]:
    response = Client(REMOTE_ADDR=peer).get("/healthz", headers={"X-Forwarded-Proto": proto})
    seen[f"{peer} {proto}"] = response.headers.get("Strict-Transport-Security")
print(json.dumps(seen))
"""


def test_production_sends_hsts_on_https_requests_from_the_proxy(tmp_path):
    seen = embedded.shell_json(tmp_path / "var", HSTS_SEEN, **embedded.production())
    assert seen == {"127.0.0.1 https": "max-age=31536000",  # nginx says the reader used TLS
                    "127.0.0.1 http": None,
                    "198.51.100.7 https": None}  # a direct client cannot claim it


def test_no_hsts_when_the_site_is_served_over_http(tmp_path):
    seen = embedded.shell_json(tmp_path / "var", HSTS_SEEN,
                               **embedded.production(DRAMAWIRED_HTTPS="0"))
    assert set(seen.values()) == {None}
