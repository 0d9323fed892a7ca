"""Per-source extraction rules: the story's container and blocks to drop, as CSS selectors
an editor sets on a Source; validated in the admin, carried to extraction by the plan,
shown by the extract preview, and never an error at ingest."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from dramawired.pipeline.article import plain
from dramawired.pipeline.extract import extract_article
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.page_tree import ExtractRules, rule_effects
from dramawired.pipeline.policy import plan_for
from dramawired.sources.models import Source

URL = "https://showreel.example/news/gala-night/"
STORY = ("The Showreel Gala raised £1.2m for young film-makers on Saturday night, with "
         "awards for three first features and a closing set from the Lantern Quartet. "
         "Organisers said the money will pay for forty bursaries over the next two years.")
SECOND = ("Next year the gala moves to the Corn Exchange, which seats twice as many guests; "
          "tickets go on sale in March, with a quarter held back for students.")
PROMO = ("Become a Showreel member for £3 a month and get every review a day early, plus "
         "invitations to our preview screenings.")
# The site's promotion box sits inside the story's column, as prose: without rules it
# lands in the story.
PAGE = (
    "<!DOCTYPE html><html><head><title>Gala night raises £1.2m</title></head><body>"
    "<nav><a href=\"/\">Showreel</a></nav><article class=\"post-body\">"
    f"<div class=\"text\"><p>{STORY}</p><p>{SECOND}</p></div>"
    f"<div class=\"promo-box\"><p>{PROMO}</p></div>"
    "<div class=\"next-up\"><p>Up next: the costume designers who dressed this year's "
    "winners explain how they made a ballgown out of recycled film stock.</p></div>"
    "</article></body></html>")


def _text(rules: ExtractRules) -> str:
    found = extract_article(PAGE, URL, FeedItem(guid=URL, url=URL, title=""), rules)
    return plain(found.body_html)


def test_without_rules_the_promotion_is_read_as_story():
    assert PROMO in _text(ExtractRules())


def test_the_story_selector_keeps_only_its_container():
    text = _text(ExtractRules(story_selector="article .text"))
    assert STORY in text and SECOND in text
    assert PROMO not in text


def test_drop_selectors_remove_their_blocks():
    text = _text(ExtractRules(drop_selectors=(".promo-box", ".next-up")))
    assert STORY in text and SECOND in text
    assert PROMO not in text and "costume designers" not in text


def test_a_story_selector_that_matches_nothing_reads_the_whole_page():
    assert STORY in _text(ExtractRules(story_selector="div.story-body"))
    effects = rule_effects(PAGE, URL, ExtractRules(story_selector="div.story-body"))
    assert [(e.rule, e.matched) for e in effects if e.rule == "story"] == [("story", 0)]


def test_a_bad_selector_is_ignored_at_ingest_and_said_in_the_preview():
    # Stored before validation existed, or written in the shell: never a failed item.
    rules = ExtractRules(story_selector="div[", drop_selectors=("p::first-line", ".promo-box"))
    text = _text(rules)
    assert STORY in text and PROMO not in text
    effects = {e.selector: e for e in rule_effects(PAGE, URL, rules)}
    assert effects["div["].error and effects["p::first-line"].error
    assert effects[".promo-box"].matched == 1
    assert effects[".promo-box"].sample == PROMO[:80]


@pytest.mark.django_db
def test_the_plan_carries_the_sources_rules():
    source = Source.objects.create(name="Showreel", feed_url="https://showreel.example/feed/",
                                   story_selector=" article .text ",
                                   drop_selectors=".promo-box\n\n  #comments  \n")
    assert plan_for(source, known=()).extract_rules == ExtractRules(
        "article .text", (".promo-box", "#comments"))
    assert plan_for(None, known=()).extract_rules == ExtractRules()


@pytest.mark.django_db
def test_the_admin_refuses_a_bad_selector(editor):
    source = Source.objects.create(name="Showreel", feed_url="https://showreel.example/feed/")
    url = reverse("admin:sources_source_change", args=[source.pk])
    page = editor.get(url)
    assert "Extraction rules" in page.content.decode()
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(story_selector="article .text", drop_selectors=".promo-box\ndiv[class=")
    response = editor.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert "drop_selectors" in errors and "div[class=" in errors["drop_selectors"][0]
    data.update(drop_selectors=".promo-box\n#comments")
    assert editor.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.drop_selector_list == [".promo-box", "#comments"]


def _preview(*args) -> str:
    out = StringIO()
    call_command("extract", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_preview_shows_what_the_rules_did(tmp_path):
    page = tmp_path / "gala.html"
    page.write_text(PAGE, encoding="utf-8")
    Source.objects.create(name="Showreel", feed_url="https://showreel.example/feed/",
                          drop_selectors=".promo-box")
    out = _preview(str(page), "--base-url", URL, "--source", "Showreel",
                   "--story-selector", "article .text", "--drop", "#no-such-block")
    assert "Rule:      story article .text: kept 1 block(s): “The Showreel Gala raised" in out
    assert "Rule:      drop .promo-box: removed 1 block(s): “Become a Showreel member" in out
    assert "Rule:      drop #no-such-block: no match" in out
    assert "Organisers said" in out and "Showreel member" not in out.split("-" * 72)[1]
    data = json.loads(_preview("--json", str(page), "--base-url", URL, "--drop",
                               ".promo-box"))
    assert {"rule": "drop", "selector": ".promo-box", "matched": 1,
            "sample": PROMO[:80], "error": ""} in data["rules"]
    assert PROMO not in data["text"]


@pytest.mark.django_db
def test_the_preview_refuses_a_bad_selector_or_an_unknown_source(tmp_path):
    page = tmp_path / "gala.html"
    page.write_text(PAGE, encoding="utf-8")
    with pytest.raises(CommandError, match="not a CSS selector"):
        _preview(str(page), "--drop", "div[")
    with pytest.raises(CommandError, match="no source named"):
        _preview(str(page), "--source", "Nobody")
