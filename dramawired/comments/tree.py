"""The comments an article shows: one query, threaded in Python."""

from .models import Comment


def thread(comments: list[Comment]) -> tuple[list[Comment], int]:
    """(top-level comments, each with .children, oldest first; how many are shown).
    A reply whose parent is not shown (held back, or marked spam) is not shown either."""
    children: dict[int | None, list[Comment]] = {}
    for comment in comments:
        comment.children = []
        children.setdefault(comment.parent_id, []).append(comment)
    shown, stack = 0, list(children.get(None, []))
    while stack:
        comment = stack.pop()
        comment.children = children.get(comment.pk, [])
        shown += 1
        stack.extend(comment.children)
    return children.get(None, []), shown


def for_post(post) -> tuple[list[Comment], int]:
    return thread(list(Comment.objects.approved().filter(post=post).select_related("user")))
