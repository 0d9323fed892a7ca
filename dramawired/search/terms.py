"""A reader's query as words: the only part of the input that reaches the index.

Words are runs of letters and digits, as the indexes' tokenizers see them (SQLite's
unicode61 and PostgreSQL's parser both split on punctuation, so "$640M" is the word
"640m"). Operators, quotes, brackets and emoji never become query syntax: each back end
quotes every word it gets from here."""

import re

MAX_QUERY = 200  # characters kept of what the reader typed
MAX_TERMS = 10
WORD = re.compile(r"[^\W_]+")
PREFIX_MIN = 2  # the last word is a prefix ("nov" finds Nova) from this many characters


def clean(raw: str) -> str:
    """The query as shown back to the reader: whitespace collapsed, length capped."""
    return " ".join(raw.split())[:MAX_QUERY]


def terms(query: str) -> list[str]:
    return WORD.findall(query.lower())[:MAX_TERMS]
