"""`dramawired sources add | import-opml | export-opml | list` through call_command against
the demo publishers, and the installed CLI refusing a missing OPML file in one line."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dramawired.demo.catalog import OUTLETS
from dramawired.sources.models import Source

pytestmark = pytest.mark.django_db
CLI = Path(sys.executable).with_name("dramawired")


def sources(*args) -> str:
    out = StringIO()
    call_command("sources", *args, stdout=out)
    return out.getvalue()


def test_add_a_site_finds_its_feed(publishers):
    out = sources("add", f"{publishers.base_url}/tea-kettle/", "--category", "gossip")
    source = Source.objects.get()
    assert out.strip() == f"Added The Tea Kettle: {publishers.base_url}/tea-kettle/feed"
    assert source.feed_url == f"{publishers.base_url}/tea-kettle/feed"
    assert source.site_url == f"{publishers.base_url}/tea-kettle/"
    assert source.default_category.name == "Gossip"


def test_add_a_feed_with_a_chosen_name(publishers):
    sources("add", f"{publishers.base_url}/reel-report/feed", "--name", "Reel")
    source = Source.objects.get()
    assert (source.name, source.default_category) == ("Reel", None)
    assert source.feed_url == f"{publishers.base_url}/reel-report/feed"


def test_add_refuses_twice_the_same_feed_or_name(publishers):
    sources("add", f"{publishers.base_url}/tea-kettle/feed")
    with pytest.raises(CommandError, match="already subscribed"):
        sources("add", f"{publishers.base_url}/tea-kettle/")  # the same feed, by its site
    with pytest.raises(CommandError, match="a source named 'The Tea Kettle' exists"):
        sources("add", f"{publishers.base_url}/_broken/gzip.xml", "--name", "The Tea Kettle")
    assert Source.objects.count() == 1


@pytest.mark.parametrize("path, error", [
    ("/", "no feed found"),
    ("/_broken/404", "HTTP 404"),
])
def test_add_reports_a_site_without_feed(publishers, path, error):
    with pytest.raises(CommandError, match=error):
        sources("add", publishers.base_url + path)
    assert not Source.objects.exists()


def test_add_refuses_an_unknown_category(publishers):
    with pytest.raises(CommandError, match="no category 'Sports'; choose one of: .*Movie"):
        sources("add", f"{publishers.base_url}/tea-kettle/feed", "--category", "Sports")


def test_import_opml_from_url_then_again(publishers):
    out = sources("import-opml", f"{publishers.base_url}/opml.xml")
    assert f"Added Panel & Page (Comics): {publishers.base_url}/panel-page/feed" in out
    assert out.splitlines()[-1] == f"{len(OUTLETS)} added, 0 already there."
    out = sources("import-opml", f"{publishers.base_url}/opml.xml")
    assert out.strip() == f"0 added, {len(OUTLETS)} already there."


def test_import_opml_from_a_file(tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Music">'
                    '<outline text="Beat" xmlUrl="https://beat.example/feed"/>'
                    "</outline></body></opml>")
    assert sources("import-opml", str(opml)).splitlines() == [
        "Added Beat (Music): https://beat.example/feed", "1 added, 0 already there."]


@pytest.mark.parametrize("content, error", [
    (None, "cannot read .*missing.opml"),
    ("<html><body>nope</body></html>", "not valid OPML"),
])
def test_import_opml_errors(tmp_path, content, error):
    path = tmp_path / "missing.opml"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=error):
        sources("import-opml", str(path))


def test_import_opml_from_an_address_that_fails(publishers):
    with pytest.raises(CommandError, match="HTTP 500"):
        sources("import-opml", f"{publishers.base_url}/_broken/500")


def test_export_opml_to_stdout_and_file(demo_sources, tmp_path):
    out = sources("export-opml")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert out.count("xmlUrl=") == len(OUTLETS)
    assert 'text="Panel &amp; Page"' in out
    target = tmp_path / "out.opml"
    assert sources("export-opml", str(target)).strip() == (
        f"Wrote {len(OUTLETS)} sources to {target}")
    assert target.read_text(encoding="utf-8") == out
    Source.objects.all().delete()
    assert sources("import-opml", str(target)).splitlines()[-1] == (
        f"{len(OUTLETS)} added, 0 already there.")


def test_list_shows_category_and_health(demo_sources):
    failing = Source.objects.get(name="Fan Vault")
    failing.record_failure("HTTP 503 from 127.0.0.1; retry in 300s")
    lines = sources("list").splitlines()
    assert len(lines) == len(OUTLETS)
    by_name = {line.split("  ")[0].strip(): line for line in lines}
    assert "Comics" in by_name["Panel & Page"] and by_name["Panel & Page"].endswith("[ok]")
    assert by_name["Fan Vault"].endswith("[failing x1: HTTP 503 from 127.0.0.1; retry in 300s]")


def test_cli_missing_opml_file_is_one_line_without_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.test",
           "DRAMAWIRED_VAR_DIR": str(tmp_path)}
    run = subprocess.run([str(CLI), "sources", "import-opml", "/no/such.opml"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines() == [
        "CommandError: cannot read /no/such.opml: No such file or directory"]
    assert "Traceback" not in run.stderr + run.stdout
