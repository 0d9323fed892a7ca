"""The shop's page types pass the Nu Html Checker, as the news pages do."""

import json
import shutil
import subprocess

from dramawired.news.tests.test_html_valid import VNU
from dramawired.shop.models import Order, ShippingMethod

from .shopping import add, checkout


def test_shop_pages_are_valid_html(client, tee, vinyl, shipping, tmp_path):
    assert VNU.is_file(), f"{VNU} missing: `make test` installs it (npm package vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java"
    add(client, tee, tee.variants.get(size="S"), 1)
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"))["Location"]
    away = client.post(summary)["Location"]
    urls = ["/shop/", "/shop/?q=zzz", "/shop/collection/apparel/", tee.get_absolute_url(),
            vinyl.get_absolute_url(), "/shop/cart/", "/shop/checkout/", summary, away,
            Order.objects.get().get_absolute_url(), "/shop/page/terms/"]
    files = []
    for n, url in enumerate(urls):
        answer = client.get(url)
        assert answer.status_code == 200, url
        path = tmp_path / f"page{n}.html"
        path.write_bytes(answer.content)
        files.append(str(path))
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *files], capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{urls[files.index(m['url'].removeprefix('file:'))]}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == []
