"""Counting views and shares behind a page cache: the cached page carries a beacon (a
POST from a few lines of JavaScript, or a pixel inside <noscript>) that reaches Django on
every view; share buttons go through a counting redirect, so they work without JS.

A hit counts when it comes from one of our pages (origin.py), from a browser that is not
a known bot, and from a reader not yet counted today for that article (readers.py)."""

from urllib.parse import quote

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dramawired.news.models import Post

from .bots import is_bot
from .counters import increment
from .origin import same_origin
from .readers import first_time

PIXEL = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
         b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
SHARE_URLS = {
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "x": "https://twitter.com/intent/tweet?url={url}&text={title}",
}


def _counts(request, post_id: int, what: str) -> bool:
    # Cheapest first; first_time() last, as it remembers the reader.
    return same_origin(request) and not is_bot(request.headers.get("User-Agent")) and \
        first_time(request, post_id, what)


def _beacon(what: str, channel: str):
    """A POST from the page's script: counts one `what` (view, or a copy-link share),
    once per reader and `channel`."""
    @csrf_exempt  # a beacon carries no token; it can only add one to a public counter
    @require_POST
    def beacon(request, post_id: int):
        if _counts(request, post_id, channel) and not increment(post_id, what):
            raise Http404
        return HttpResponse(status=204)
    return beacon


view_beacon = _beacon("view", "view")
share_beacon = _beacon("share", "share:copy")  # a share that stays on the page (copy link)


@never_cache
@require_GET
def view_pixel(request, post_id: int):
    if _counts(request, post_id, "view"):  # the same reader as the beacon's: one view
        increment(post_id, "view")
    return HttpResponse(PIXEL, content_type="image/gif")


@never_cache
@require_GET
def share(request, post_id: int, network: str):
    """Count the click, then open the network's share page."""
    if network not in SHARE_URLS:
        raise Http404
    post = get_object_or_404(Post.objects.published(), pk=post_id)
    if _counts(request, post.pk, f"share:{network}"):  # one share per network and reader
        increment(post.pk, "share")
    url = request.build_absolute_uri(post.get_absolute_url())
    return HttpResponseRedirect(SHARE_URLS[network].format(url=quote(url, safe=""),
                                                           title=quote(post.title, safe="")))
