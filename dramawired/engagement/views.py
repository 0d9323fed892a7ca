"""Counting views and shares behind a page cache: the cached page carries a beacon (a
POST from a few lines of JavaScript, or a pixel inside <noscript>) that reaches Django on
every view; share buttons go through a counting redirect, so they work without JS."""

from urllib.parse import quote

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dramawired.news.models import Post

from .bots import is_bot
from .counters import increment

PIXEL = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
         b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
SHARE_URLS = {
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "x": "https://twitter.com/intent/tweet?url={url}&text={title}",
}


def _counts(request) -> bool:
    # Cross-site posts are refused: only our own pages count their readers.
    site = request.headers.get("Sec-Fetch-Site", "same-origin")
    return site in ("same-origin", "none") and not is_bot(request.headers.get("User-Agent"))


def _beacon(what: str):
    """A POST from the page's script: counts one `what` (view, or a copy-link share)."""
    @csrf_exempt  # a beacon carries no token; it can only add one to a public counter
    @require_POST
    def beacon(request, post_id: int):
        if _counts(request) and not increment(post_id, what):
            raise Http404
        return HttpResponse(status=204)
    return beacon


view_beacon = _beacon("view")
share_beacon = _beacon("share")  # a share that stays on the page (copy link)


@never_cache
@require_GET
def view_pixel(request, post_id: int):
    if _counts(request):
        increment(post_id, "view")
    return HttpResponse(PIXEL, content_type="image/gif")


@never_cache
@require_GET
def share(request, post_id: int, network: str):
    """Count the click, then open the network's share page."""
    if network not in SHARE_URLS:
        raise Http404
    post = get_object_or_404(Post.objects.published(), pk=post_id)
    if not is_bot(request.headers.get("User-Agent")):
        increment(post.pk, "share")
    url = request.build_absolute_uri(post.get_absolute_url())
    return HttpResponseRedirect(SHARE_URLS[network].format(url=quote(url, safe=""),
                                                           title=quote(post.title, safe="")))
