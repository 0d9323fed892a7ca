"""File the story under one category.

The source's keyword rules win (first rule whose keyword appears); then a feed category
that names one of ours; then the source's default; else Uncategorized."""

import re

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
) -> str:
    by_name = {name.casefold(): name for name in known}
    haystack = f"{title}\n{text}"
    for keyword, category in rules:
        if category.casefold() in by_name and _mentions(keyword, haystack):
            return by_name[category.casefold()]
    for tag in feed_tags:
        if tag.casefold() in by_name:
            return by_name[tag.casefold()]
    return default or UNCATEGORIZED
