"""Titles the old site broke, repaired from the original article's own headline.

Autoblog plugins built titles with PHP's preg_replace(), whose replacement string reads
"$n", "${n}" and "\\n" as back-references: "$" and one or two digits are a group number
(PHP takes the longest, up to 99), replaced by that group, which did not exist: by
nothing. So "$640M" lost "$64" and printed "0M", "$5 million" lost "$5", "$1.5B" lost
"$1". Our title is repaired only where the page's headline, put through that same loss,
is exactly our title: then the headline is what the old site meant to print.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from lxml import html as lxml_html

from dramawired.news.models import Post
from dramawired.pipeline.fetch import FetchError, HostLimiter, make_client
from dramawired.pipeline.fetch import fetch as fetch_url
from dramawired.pipeline.parse import is_web_url
from dramawired.pipeline.policy import policy_from_settings

from .models import ImportedItem

# What preg_replace() takes for a back-reference in a replacement string.
_BACKREFERENCE = re.compile(r"\$\d{1,2}|\$\{\d{1,2}\}|\\\d{1,2}")
# "Headline | Site", "Headline - Site", "Headline — Site" in a <title>.
_SITE_SUFFIX = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]+$")


def mangled(title: str) -> str:
    """What PHP's replacement bug prints for `title`."""
    return _BACKREFERENCE.sub("", title)


def _norm(text: str) -> str:
    return " ".join(text.split())


def headlines(page: str) -> list[str]:
    """The page's own names for its story: og:title, twitter:title, its <h1>s, <title>."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found = [m.get("content", "") for m in tree.xpath(
        "//meta[@property='og:title' or @name='twitter:title' or @name='title']")]
    found += [h.text_content() for h in tree.iter("h1")]
    found += [t.text_content() for t in tree.iter("title")]
    found += [_SITE_SUFFIX.sub("", t) for t in found[-1:]] if found else []
    # lxml has decoded each entity once already: no second decoding here.
    return [h for h in dict.fromkeys(_norm(x) for x in found) if h]


def repaired(ours: str, page: str) -> str | None:
    """The headline that our title is the mangled form of, or None."""
    if not _BACKREFERENCE.search(page):
        return None
    for headline in headlines(page):
        if headline != ours and _BACKREFERENCE.search(headline) and \
                _norm(mangled(headline)) == _norm(ours):
            return headline
    return None


@dataclass
class Repairs:
    checked: int = 0
    changed: list[tuple[int, str, str]] = field(default_factory=list)  # (post, old, new)
    failed: list[str] = field(default_factory=list)
    kept: int = 0  # edited by an editor


def candidates():
    """Imported posts whose source link is another site's page."""
    ids = ImportedItem.objects.filter(post__isnull=False).values_list("post_id", "link")
    links = dict(ids)
    posts = Post.objects.filter(pk__in=links).only("pk", "title", "original_url", "edited")
    return [p for p in posts.order_by("pk")
            if is_web_url(p.original_url) and p.original_url != links[p.pk]]


def repair_titles(*, dry_run: bool = False, progress=None) -> Repairs:
    report, posts = Repairs(), candidates()
    policy = policy_from_settings()
    limiter = HostLimiter(settings.DRAMAWIRED_FETCH["per_host"])
    with make_client(policy) as client, \
            ThreadPoolExecutor(settings.DRAMAWIRED_FETCH["workers"]) as pool:
        def page(post):
            try:
                return fetch_url(post.original_url, client, policy, limiter=limiter,
                                 accept="text/html").text
            except FetchError as exc:
                return exc

        for done, (post, got) in enumerate(zip(posts, pool.map(page, posts), strict=True), 1):
            report.checked += 1
            if progress:
                progress(done, len(posts))
            if isinstance(got, FetchError):
                report.failed.append(f"{post.original_url}: {got}")
                continue
            if (headline := repaired(post.title, got)) is None:
                continue
            if post.edited:
                report.kept += 1
                continue
            report.changed.append((post.pk, post.title, headline))
            if not dry_run:
                post.title = headline[:500]
                post.save(update_fields=["title"])
    return report
