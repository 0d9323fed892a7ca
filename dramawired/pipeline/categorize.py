"""File the story under one category, and say what filed it.

The order, first that decides wins:
  1. the source's keyword rules (the first rule whose keyword the story mentions);
  2. a feed category (or the page's own section) that names one of ours;
  3. the source's default category;
  4. what the story is about (the content classifier, when it is sure enough), read in its
     headline, the feed's categories that are none of ours, and the story;
  5. Uncategorized.
The second value returned is news.models.Post.FiledBy's: "rule", "feed", "default",
"content", or "" for Uncategorized."""

import re

from .classify import Classifier

UNCATEGORIZED = "Uncategorized"


def _mentions(keyword: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text, re.IGNORECASE) is not None


def categorize(
    title: str,
    text: str,
    *,
    feed_tags: tuple[str, ...] = (),
    default: str = "",
    rules: list[tuple[str, str]] = (),
    known: list[str] = (),
    model: Classifier | None = None,
) -> tuple[str, str]:
    """(category name, what filed it); `model` is labelled by category names."""
    by_name = {name.casefold(): name for name in known}
    haystack = f"{title}\n{text}"
    for keyword, category in rules:
        if category.casefold() in by_name and _mentions(keyword, haystack):
            return by_name[category.casefold()], "rule"
    for tag in feed_tags:
        if tag.casefold() in by_name:
            return by_name[tag.casefold()], "feed"
    if default:
        return default, "default"
    if model is not None and (title or text):
        # The feed's own sections ("Film", "Television") say what it is about too.
        guess = model.predict(title, "\n".join([*feed_tags, text]))
        if guess is not None and guess.casefold() in by_name:
            return by_name[guess.casefold()], "content"
    return UNCATEGORIZED, ""
