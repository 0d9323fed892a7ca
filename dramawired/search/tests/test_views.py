"""The results page and the live endpoint: hostile input, escaping, highlighting,
pagination, "No Result"."""

import re

import pytest

from dramawired.siteconfig.models import current

from .factories import make_post

HOSTILE = ['"', "'", '""', "AND", "OR", "NOT", "NEAR", "*", "^", ":", "(", ")", '"nova',
           "nova AND", "OR nova", "NOT nova", "NEAR(nova kiki)", "title:nova", "^nova",
           "nova*", "-nova", "+nova", "nova OR (kiki", "$640M", "😀", "😀 nova 🎬", "",
           " ", "x" * 10_000, "nova " * 2_000, "'; DROP TABLE news_post; --",
           "1' OR '1'='1", "%", "_", "\\", "\x00", "a" * 300, "é", "星のかけら",
           "<script>alert(1)</script>", "{{ 7*7 }}", "nova:*", "'nova':* & kiki", "!!"]


@pytest.fixture
def posts(db):
    return {
        "dollars": make_post("Studio to invest $640M in Nova Reyes films", "Money talk.",
                             excerpt="A <b>big</b> deal & more."),
        "script": make_post("<script>alert(1)</script> Nova wins", "Oddly titled.",
                            excerpt="Tom & Jerry amp up the nova hype."),
    }


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_is_answered(client, posts, query):
    for url in ("/search/", "/search/live/"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
    assert "<script>alert(1)</script>" not in client.get("/search/", {"q": query}).content.decode()


def test_dollar_amount_is_found_whole(client, posts):
    page = client.get("/search/", {"q": "$640M"}).content.decode()
    assert "1 result" in page
    assert "Studio to invest $<mark>640M</mark> in Nova Reyes films" in page


def test_highlighting_escapes_all_it_does_not_mark(client, posts):
    page = client.get("/search/", {"q": "nova"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Nova</mark> wins" in page
    assert "<script>alert(1)</script>" not in page
    assert "A &lt;b&gt;big&lt;/b&gt; deal &amp; more." in page
    page = client.get("/search/", {"q": "alert amp"}).content.decode()
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in page
    assert "Tom &amp; Jerry <mark>amp</mark> up" in page  # the entity stays whole


def test_pagination_keeps_the_query(client, db):
    per_page = current()[0].posts_per_page
    for n in range(per_page + 2):
        make_post(f"Glimmerfall part {n}", days_ago=n + 1)
    first = client.get("/search/", {"q": "glimmerfall"}).content.decode()
    assert f"{per_page + 2} results" in first and "Page 1 of 2" in first
    assert 'href="?q=glimmerfall&amp;page=2"' in first
    assert first.count('class="card-title"') == per_page
    second = client.get("/search/", {"q": "glimmerfall", "page": 2}).content.decode()
    assert second.count('class="card-title"') == 2
    assert f"<mark>Glimmerfall</mark> part {per_page + 1}<" in second  # the oldest
    assert client.get("/search/", {"q": "glimmerfall", "page": 3}).status_code == 404


def test_no_result_and_empty_query(client, posts):
    page = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "No Result" in page and "0 results" in page
    page = client.get("/search/").content.decode()
    assert "<h1>Search</h1>" in page and "No Result" not in page
    assert client.get("/search/live/", {"q": "zzzqqq"}).json()["results"] == []


def test_live_endpoint_returns_at_most_six_and_is_not_page_cached(client, db):
    for n in range(8):
        make_post(f"Thornbury chapter {n}", days_ago=n + 1)
    response = client.get("/search/live/", {"q": "thornbu"})
    data = response.json()
    assert len(data["results"]) == 6 and data["more"] is True
    assert data["results"][0]["title"] == "Thornbury chapter 0"
    assert set(data["results"][0]) == {"title", "url", "date", "category"}
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", data["results"][0]["date"])
    assert data["all"] == "/search/?q=thornbu"
    assert "X-Cache" not in response and "private" in response["Cache-Control"]
    few = client.get("/search/live/", {"q": "thornbury chapter 7"}).json()
    assert [r["title"] for r in few["results"]] == ["Thornbury chapter 7"]
    assert few["more"] is False
