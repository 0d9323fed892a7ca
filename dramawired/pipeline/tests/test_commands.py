"""`dramawired ingest` and `dramawired extract` against the demo publishers: the closing
table and its counts, --dry-run publishing and recording nothing, unknown sources refused;
the extract preview as text and as one JSON object per line, and refused pages (bot
challenge, missing file) exiting non-zero with one line on stderr from the installed CLI."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dramawired.demo.catalog import articles, find
from dramawired.news.models import Post
from dramawired.sources.models import Source

CLI = Path(sys.executable).with_name("dramawired")
COLUMNS = ["source", "new", "updated", "duplicates", "filtered", "failed", "seconds", "error"]
ALIBABA = find("reel-report", "alibaba-set-to-invest-640m-into-hong-kong-entertainment")
TEA = articles()["tea-kettle"]


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def table(output: str) -> dict[str, dict[str, str]]:
    """The ingest table's rows by source name, as {column: cell}."""
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == COLUMNS
    rows = [dict(zip(COLUMNS, (c.strip() for c in line.strip("│").split("│")), strict=True))
            for line in lines if line.startswith("│")]
    return {row["source"]: row for row in rows}


@pytest.mark.django_db
def test_ingest_prints_one_row_per_source(demo_sources):
    out = command("ingest", "--source", "The Tea Kettle", "--source", "Panel & Page")
    rows = table(out)
    assert set(rows) == {"The Tea Kettle", "Panel & Page"}
    tea = rows["The Tea Kettle"]
    assert int(tea["new"]) == len(TEA) and tea["error"] == ""
    assert (tea["updated"], tea["duplicates"], tea["filtered"], tea["failed"]) == (
        "0", "0", "0", "0")
    assert float(tea["seconds"]) > 0
    new = len(TEA) + len(articles()["panel-page"])
    assert f"2 sources, {new} new posts" in out
    assert Post.objects.count() == new
    # A second run: the feeds answer 304 to the validators kept from the first.
    rows = table(command("ingest", "--source", "The Tea Kettle"))
    assert rows["The Tea Kettle"]["error"] == "not modified"
    assert rows["The Tea Kettle"]["new"] == "0"


@pytest.mark.django_db
def test_dry_run_publishes_and_records_nothing(demo_sources):
    out = command("ingest", "--dry-run", "--source", "The Reel Report")
    assert "Dry run: nothing published" in out
    assert int(table(out)["The Reel Report"]["new"]) == len(articles()["reel-report"])
    assert not Post.objects.exists()
    source = Source.objects.get(name="The Reel Report")
    assert (source.last_success, source.etag, source.next_attempt) == (None, "", None)


@pytest.mark.django_db
def test_failing_source_is_a_row_not_a_crash(publishers, demo_sources):
    Source.objects.create(name="Down", feed_url=f"{publishers.base_url}/_broken/500")
    rows = table(command("ingest", "--source", "Down", "--source", "Fan Vault"))
    assert rows["Down"]["error"].startswith("HTTP 500")
    assert int(rows["Fan Vault"]["new"]) > 0
    assert Source.objects.get(name="Down").consecutive_failures == 1


@pytest.mark.django_db
def test_due_skips_sources_polled_recently(demo_sources):
    command("ingest", "--source", "DramaCam")
    Source.objects.exclude(name="DramaCam").update(enabled=False)
    assert "0 sources, 0 new posts" in command("ingest", "--due")
    assert set(table(command("ingest"))) == {"DramaCam"}  # without --due it is polled


@pytest.mark.django_db
def test_unknown_source_is_a_command_error(demo_sources):
    with pytest.raises(CommandError, match="no source named Nope, Other"):
        command("ingest", "--source", "Nope", "--source", "Other", "--source", "DramaCam")
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_extract_text_preview(publishers):
    out = command("extract", publishers.base_url + ALIBABA.path)
    lines = out.splitlines()
    assert lines[1] == f"Title:     {ALIBABA.title}"  # "$640M" intact
    assert lines[2] == f"Author:    {ALIBABA.author}"
    assert lines[3] == f"Published: {ALIBABA.published.isoformat()}"
    assert lines[4] == f"Image:     {publishers.base_url}{ALIBABA.image_path}"
    assert "Hong Kong" in lines[6]  # Tags:
    assert int(lines[7].split()[1]) > 150  # Words:
    story = " ".join(lines[9:])
    assert "invest about $640M" in story
    assert "Leave a Reply" not in story and "Advertisement" not in story


@pytest.mark.django_db
def test_extract_json_is_one_object_per_line(publishers):
    urls = [publishers.base_url + a.path for a in TEA[:3]]
    lines = command("extract", "--json", *urls).splitlines()
    assert len(lines) == 3
    for line, article in zip(lines, TEA[:3], strict=True):
        data = json.loads(line)
        assert {"title", "author", "published", "lead_image", "tags", "category",
                "body_html"} <= set(data)
        assert data["title"] == article.title
        assert data["author"] == article.author
        assert data["published"] == article.published.isoformat()
        assert data["lead_image"].endswith(article.image_path)
        assert 3 <= len(data["tags"]) <= 8
        # No feed category or source here: filed by what it is about, as a poll would.
        assert data["category"] == article.category
        assert data["body_html"].startswith("<p>") and "Leave a Reply" not in data["body_html"]


@pytest.mark.django_db
def test_extract_a_saved_page_with_its_address(publishers, tmp_path):
    article = TEA[0]
    page = tmp_path / "page.html"
    page.write_bytes(httpx.get(publishers.base_url + article.path).content)
    data = json.loads(command("extract", "--json", str(page), "--base-url",
                              "https://tea.example/story/"))
    assert data["url"] == "https://tea.example/story/"
    assert data["title"] == article.title
    assert data["lead_image"].startswith(publishers.base_url)  # absolute in the page


@pytest.mark.django_db
def test_extract_refuses_a_bot_challenge(publishers):
    challenge = f"{publishers.base_url}/_broken/challenge-page"
    with pytest.raises(CommandError, match="bot challenge"):
        command("extract", challenge)
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 pages gave no story"):
        call_command("extract", "--json", challenge, publishers.base_url + TEA[0].path,
                     stdout=out)
    error, good = (json.loads(line) for line in out.getvalue().splitlines())
    assert error == {"url": challenge,
                     "error": f"bot challenge (Cloudflare) at {challenge}"}
    assert good["title"] == TEA[0].title


@pytest.mark.django_db
def test_extract_missing_file():
    with pytest.raises(CommandError, match="/no/such/file: no such file"):
        command("extract", "/no/such/file")


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    """Environment for the installed CLI: test settings and a migrated SQLite of its own."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.test",
           "DRAMAWIRED_VAR_DIR": str(tmp_path_factory.mktemp("var"))}
    env.pop("DATABASE_URL", None)
    subprocess.run([str(CLI), "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def cli(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_cli_extract_missing_file_fails_in_one_line(cli_env):
    run = cli(cli_env, "extract", "/no/such/file")
    assert run.returncode == 1
    assert run.stderr.splitlines() == ["CommandError: /no/such/file: no such file"]
    assert "Traceback" not in run.stdout + run.stderr


def test_cli_extract_bot_challenge_fails_in_one_line(cli_env, publishers):
    url = f"{publishers.base_url}/_broken/challenge-page"
    run = cli(cli_env, "extract", url)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"CommandError: {url}: bot challenge (Cloudflare) at {url}"]
    assert "Traceback" not in run.stdout + run.stderr


def test_cli_extract_json_lines(cli_env, publishers):
    run = cli(cli_env, "extract", "--json", *(publishers.base_url + a.path for a in TEA[:2]))
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["title"] for line in run.stdout.splitlines()] == [
        a.title for a in TEA[:2]]
