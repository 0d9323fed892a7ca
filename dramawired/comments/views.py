"""Posting a comment, replying without JavaScript, and the poster's "awaiting moderation"
page. None of these pages is cached: each belongs to one reader."""

from django.core import signing
from django.http import Http404, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dramawired.news.models import Post

from . import spam
from .forms import CommentForm
from .models import Comment

PENDING_SALT = "dramawired.comments.pending"
PENDING_MAX_AGE = 24 * 3600


def _author(request):
    return request.user if request.user.is_authenticated else None


def _csrf_refusal(request):
    """Django's own CSRF check (token and Origin), as the middleware would run it."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


# CSRF is checked here, by who is posting, not by the middleware. The article page is
# cached for anonymous readers and served to all of them, so it cannot carry a token of
# one reader's own. A logged-in reader's page is never cached: it carries a token, and the
# full CSRF check runs, since a forged request would act with their account. A guest has
# no session, so a forged request carries no authority of theirs to abuse: what matters is
# that the form was posted from one of our pages (Origin, or Referer) and drawn by us not
# long before (the signed render time the form carries).
@csrf_exempt
@never_cache
@require_POST
def post_comment(request, post_id: int):
    post = get_object_or_404(Post.objects.published(), pk=post_id)
    user = _author(request)
    if user is not None:
        if (refusal := _csrf_refusal(request)) is not None:
            return refusal
    elif not spam.same_origin(request):
        return HttpResponseForbidden("Comments are sent from this site's own pages.",
                                     content_type="text/plain")
    if request.POST.get(spam.HONEYPOT):  # a bot: as if all went well, and nothing saved
        return redirect(post.get_absolute_url() + "#comments")
    form = CommentForm(request.POST, post=post, user=user)
    ip = spam.client_ip(request)
    if spam.rate_limited(ip):
        form.is_valid()
        return _form_page(request, form, status=429, error=(
            "You have sent several comments in a few minutes. Please wait a little, "
            "then send this one again."))
    if not form.is_valid():
        return _form_page(request, form, status=400)
    comment = form.save(ip=ip, user_agent=request.headers.get("User-Agent", ""))
    spam.count_comment(ip)
    if comment.status == Comment.Status.APPROVED:
        return redirect(comment.get_absolute_url())
    # Spam is told the same as a held comment: nothing to learn from the answer.
    token = signing.dumps(comment.pk, salt=PENDING_SALT)
    return redirect("comment-pending", token=token)


def _form_page(request, form, *, status=200, error=""):
    return render(request, "comments/form_page.html",
                  {"form": form, "post": form.post, "parent": form.parent_comment,
                   "error": error}, status=status)


@never_cache
@require_GET
def reply(request, comment_id: int):
    """Reply to one comment on a page of its own: the Reply link without JavaScript."""
    parent = get_object_or_404(
        Comment.objects.approved().select_related("post", "user")
        .filter(post__in=Post.objects.published()), pk=comment_id)
    form = CommentForm(post=parent.post, user=_author(request), initial={"parent": parent.pk})
    form.parent_comment = parent
    return _form_page(request, form)


@never_cache
@require_GET
def pending(request, token: str):
    """What the poster of a held comment sees: their comment, and that it waits. The
    address is signed, so nobody else can read a comment that is not published."""
    try:
        comment_id = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature as refused:
        raise Http404 from refused
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=comment_id)
    if comment.status == Comment.Status.APPROVED:
        return redirect(comment.get_absolute_url())
    return render(request, "comments/pending.html", {"comment": comment, "post": comment.post})
