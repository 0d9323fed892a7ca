"""The site's own pages (SitePage): the old site's "About" and "Contact", served at their
own address where none of ours answers."""

import re
from urllib.parse import unquote, urlsplit

from django.shortcuts import render

from .body import to_html
from .importing import Skip
from .models import ImportedItem, SitePage
from .redirects import ours_answers
from .wxr import Item

PUBLISHED = {"publish": True, "future": True, "draft": False, "pending": False,
             "private": False}


def one_slash(path: str) -> str:
    """WordPress.com writes some addresses with "//": one page, one address."""
    return re.sub(r"/{2,}", "/", path)


def serve_page(request):
    """The page at this address, or None. Read only when our own URLs answered 404."""
    page = SitePage.objects.filter(url=one_slash(request.path_info), published=True).first()
    if page is None:
        return None
    return render(request, "wordpress/page.html", {"page": page})


def page_address(link: str, slug: str) -> str:
    """Where an old page lives here: at its old address when nothing of ours answers
    there (its old address then needs no redirect), else under /pages/."""
    path = one_slash(unquote(urlsplit(link).path)) if link else ""
    if path and not path.endswith("/"):
        path += "/"
    if not path or path == "/" or "?" in link or ours_answers(path):
        path = f"/pages/{unquote(slug) or 'page'}/"
    return path[:500]


def save_page(run, item: Item) -> SitePage:
    if item.status not in PUBLISHED:
        raise Skip(f"page status {item.status!r}")
    record = ImportedItem.objects.filter(site=run.site_key, wp_id=item.wp_id) \
        .select_related("page").first()
    page = record.page if record and record.page else None
    fields = {"title": item.title[:500] or "(no title)",
              "published": PUBLISHED[item.status] and not item.password,
              "content": run.media.rewrite(to_html(item.content, item.link or run.site_link,
                                                   post_id=item.wp_id, gallery=run.gallery))}
    if page is None:
        url = page_address(item.link, item.slug or str(item.wp_id))
        while SitePage.objects.filter(url=url).exists():
            url = url.rstrip("/") + f"-{item.wp_id}/"
        page = SitePage.objects.create(url=url, **fields)
    else:
        SitePage.objects.filter(pk=page.pk).update(**fields)
    ImportedItem.objects.update_or_create(
        site=run.site_key, wp_id=item.wp_id,
        defaults={"post_type": "page", "wp_status": item.status, "page": page,
                  "link": item.link[:2000]})
    for comment in item.comments:
        run.summary.skip("comment on a page (our site pages take no comments)",
                         f"{comment.wp_id} on {item.title[:60]}")
    run.summary.made["pages"] += 1
    run.summary.states[f"pages: {item.status}"] += 1
    return page
