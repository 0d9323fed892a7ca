"""Every page type passes the Nu Html Checker (the W3C validator, run locally from the
vnu-jar package that `make` installs): errors fail the test."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU = Path(os.environ.get(
    "DRAMAWIRED_VNU_JAR",
    settings.PACKAGE_DIR.parent / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))


def html_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    """The Nu Html Checker's errors on `pages` (address -> HTML), each "address: message"."""
    assert VNU.is_file(), f"{VNU} missing: `make test` installs it (npm package vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java"
    files = {}
    for n, (url, content) in enumerate(pages.items()):
        path = folder / f"page{n}.html"
        path.write_bytes(content)
        files[str(path)] = url
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *files], capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [f"{files[m['url'].removeprefix('file:')]}: {m['message']}"
            for m in messages if m.get("type") == "error"]


def test_pages_are_valid_html(client, site, tmp_path):
    urls = ["/", "/?page=2", site.get_absolute_url(), "/category/movie/", "/tag/hong-kong/",
            site.author.get_absolute_url(), "/search/?q=nova", "/search/?q=zzz",
            "/no-such-page/", "/accounts/login/"]
    assert html_errors({url: client.get(url).content for url in urls}, tmp_path) == []
