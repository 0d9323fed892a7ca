"""Pages served instead of the article: bot challenges and error pages, recognised so that
they are refused, never stored as a story."""

import html
import re

from .text import strip_tags

# Pages served instead of the article: bot challenges and error pages. Matched against the
# page <title> and the start of its visible text. (Cloudflare, Akamai, DataDome, Sucuri,
# PerimeterX wordings, as they appear in NewsBlur's and Miniflux's bug reports.)
BLOCKED_PAGE_MARKERS = [
    ("title", r"^just a moment", "bot challenge (Cloudflare)"),
    ("title", r"attention required", "bot challenge (Cloudflare)"),
    ("title", r"^access denied", "access denied page"),
    ("title", r"are you a (robot|human)|^robot check|^captcha\b|verify you are human",
     "captcha page"),
    ("title", r"^(403 )?forbidden$|^40[34]\b|page not found|not found$", "error page"),
    ("title", r"^50[0-4]\b|internal server error|service unavailable|bad gateway",
     "server error page"),
    ("text", r"checking (if the site connection is secure|your browser before accessing)",
     "bot challenge"),
    ("text", r"enable javascript and cookies to continue", "bot challenge"),
    ("text", r"please verify you are (a )?human|press (&|and) hold", "bot challenge (captcha)"),
    ("text", r"ddos protection by|sucuri website firewall|incapsula incident",
     "bot challenge (firewall)"),
    ("text", r"pardon our interruption|request unsuccessful\. incapsula", "bot challenge"),
]
_BLOCKED = [(where, re.compile(p, re.I), label) for where, p, label in BLOCKED_PAGE_MARKERS]

# Every scan of a publisher's page below is linear: a lazy ".*?" or a "[^>]+" that finds
# no end rescans the rest of the page from each start, so 100 KB of "<script>" or "<meta "
# held a core for 10 s (5 MB, the body cap: hours).
_TITLE = re.compile(r"<title\b[^<>]*>", re.I)
_TITLE_END = re.compile(r"</title", re.I)
_SCRIPT = re.compile(r"<(script|style)\b", re.I)
_SCRIPT_END = {"script": re.compile(r"</script\s*>", re.I),
               "style": re.compile(r"</style\s*>", re.I)}


def _without_scripts(page: str) -> str:
    """Script and style elements removed; an unclosed one ends the page."""
    kept, pos = [], 0
    while m := _SCRIPT.search(page, pos):
        kept.append(page[pos:m.start()])
        end = _SCRIPT_END[m.group(1).lower()].search(page, m.end())
        if not end:
            return " ".join(kept)
        pos = end.end()
    return " ".join([*kept, page[pos:]])


def blocked_reason(page_html: str) -> str | None:
    title = ""
    if (m := _TITLE.search(page_html)) and (end := _TITLE_END.search(page_html, m.end())):
        title = page_html[m.end():end.start()]
    title = " ".join(html.unescape(title).split())
    body = strip_tags(_without_scripts(page_html[:200_000]))
    text = " ".join(html.unescape(body).split())[:3000]
    for where, pattern, label in _BLOCKED:
        if pattern.search(title if where == "title" else text):
            return label
    return None
