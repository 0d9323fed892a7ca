"""Flatten absurdly deep HTML before a parser sees it.

html5ever (inside nh3) checks scope by walking its stack of open elements, so its time grows
with length times depth: 64,000 nested <div>s held a core for 20 s, 200,000 for minutes.
libxml2 (lxml, trafilatura) stops at depth 256 and silently drops all below. Real pages
are a few dozen deep.

flatten_nesting() reads the markup once, in linear time, and keeps the HTML standard's stack
of open elements (tokenizer: tags, attributes, comments, raw text; tree builder: implied end
tags, scopes, foreign content, tables) closely enough that it never counts fewer open
elements than a browser, give or take the implied <tbody>/<tr>. Every tag that would open
an element deeper than `max_depth`, and every end tag closing one, is dropped; their text
is kept (raw text becomes escaped text; scripts and styles go). A document that never goes
that deep is returned unchanged, byte for byte.
"""

import re
import string
from collections import defaultdict

MAX_DEPTH = 200

_WS = r"[\t\n\f\r ]"
_ATTR = (rf"[^\t\n\f\r />][^\t\n\f\r />=]*+(?:{_WS}*+={_WS}*+"
         rf"""(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >"'][^\t\n\f\r >]*+))?""")
# A start or end tag as the HTML tokenizer reads it: quotes only after "=", a tag that
# runs into the end of the document is no tag (possessive: linear, never backtracks).
_TAG = re.compile(rf"<(/?)([A-Za-z][^\t\n\f\r />]*+)((?:{_WS}++|/(?!>)|{_ATTR})*+)(/?)>")
# The next tag, or else what a "<" starts: a comment, a bogus comment, a cut-off tag.
_TOKEN = re.compile(_TAG.pattern + r"|<(!--|[!?/]|[A-Za-z])")
_ATTR_NAME = re.compile(rf"({_ATTR})")
_COMMENT_END = re.compile(r"--!?>")
_LETTER = re.compile(r"[A-Za-z]")
_RAW_END: dict[str, re.Pattern] = {}
# Tag names are compared with ASCII letters folded only, as the tokenizer does.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "image"}
NOT_PUSHED = {"html", "head", "body", "frameset"}  # merged or ignored inside a document
RAW_TEXT = {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"}
RAW_DROPPED = {"script", "style", "iframe", "noembed", "noframes"}  # not text when dropped
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
            "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
            "main", "menu", "nav", "ol", "p", "search", "section", "summary", "ul", "pre",
            "listing", "form", "plaintext", "hr", "xmp", "li", "dd", "dt", *HEADINGS}
BLOCK_END = {"address", "article", "aside", "blockquote", "button", "center", "details",
             "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer",
             "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre", "search",
             "section", "summary", "ul", "applet", "marquee", "object"}
FORMATTING = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
              "strong", "tt", "u"}
SPECIAL = BLOCK_END | VOID | RAW_TEXT | HEADINGS | NOT_PUSHED | {
    "caption", "colgroup", "dd", "dt", "li", "noscript", "p", "plaintext", "select", "table",
    "tbody", "td", "template", "tfoot", "th", "thead", "tr", "form"}
SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"}
TABLE_PARTS = {"caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th"}
BREAKOUT = {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
            "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
            "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
            "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"}
SVG, MATH = 1, 2
HTML_POINT, TEXT_POINT = 1, 2  # foreign elements inside which HTML rules apply again
FOREIGN_SPECIAL = {(SVG, "foreignobject"), (SVG, "desc"), (SVG, "title"),
                   *((MATH, n) for n in ("mi", "mo", "mn", "ms", "mtext", "annotation-xml"))}
_HTML_ANNOTATION = re.compile(r"encoding\s*=\s*[\"']?\s*(text/html|application/xhtml\+xml)",
                              re.I)
PUSHED, RAW, NONE = 1, 2, 3
# Start tags that may close something first or are not simply pushed (see _start()).
_START_RULES = CLOSES_P | VOID | RAW_TEXT | TABLE_PARTS | NOT_PUSHED | {
    "li", "dd", "dt", "option", "optgroup", "button", "a", "nobr", "select", "table", "svg",
    "math"}
_CLOSES_P_ONLY = CLOSES_P - VOID - RAW_TEXT - HEADINGS - {"li", "dd", "dt", "plaintext"}
# Look-up keys besides an element's own name (never a tag name: those hold no space).
_SPECIAL, _SPECIAL_X, _SCOPE, _FOREIGN, _OPT = " special", " special-x", " scope", " fgn", " opt"
_TABLE_SCOPE = ("table", "template")
_PREFIX = {0: "", SVG: "svg ", MATH: "math "}


def _keys(name: str, ns: int) -> tuple[str, ...]:
    """The look-up lists an open element is entered in: by name, and per category, so that
    "topmost element of this kind" is a list access instead of a walk down the stack."""
    keys = [_PREFIX[ns] + name]
    special = name in SPECIAL if ns == 0 else (ns, name) in FOREIGN_SPECIAL
    if special:
        keys.append(_SPECIAL)
        if ns != 0 or name not in ("address", "div", "p", "li", "dd", "dt"):
            keys.append(_SPECIAL_X)  # what stops the search for an <li> or <dd> to close
        if ns != 0 or name in SCOPE:
            keys.append(_SCOPE)
    if ns != 0:
        keys.append(_FOREIGN)
    elif name in ("option", "optgroup"):
        keys.append(_OPT)
    return tuple(keys)


class _Stack:
    """The stack of open elements: (name, namespace, integration point, look-up keys)."""

    def __init__(self):
        self.entries: list[tuple[str, int, int, tuple[str, ...]]] = []
        self.where: dict[str, list[int]] = defaultdict(list)
        self._keys: dict[tuple[str, int], tuple[str, ...]] = {}

    def top(self, *keys: str) -> int:
        """Index of the topmost open element entered under any of `keys`, or -1."""
        where, found = self.where, -1
        for key in keys:
            if (at := where.get(key)) and at[-1] > found:
                found = at[-1]
        return found

    def push(self, name: str, ns: int = 0, point: int = 0) -> None:
        keys = self._keys.get((name, ns)) or self._keys.setdefault((name, ns), _keys(name, ns))
        where, index = self.where, len(self.entries)
        for key in keys:
            where[key].append(index)
        self.entries.append((name, ns, point, keys))

    def pop_to(self, index: int) -> None:
        """Close the element at `index` and everything opened inside it."""
        entries, where = self.entries, self.where
        while len(entries) > index:
            for key in entries.pop()[3]:
                where[key].pop()

    def close(self, targets: tuple[str, ...], boundaries: tuple[str, ...] = ()) -> None:
        """Close the topmost target element unless a boundary element is open above it."""
        i = self.top(*targets)
        if i >= 0 and self.top(*boundaries) <= i:
            self.pop_to(i)

    def close_top(self, *names: str) -> None:
        if self.entries and self.entries[-1][0] in names and self.entries[-1][1] == 0:
            self.pop_to(len(self.entries) - 1)

    def only_above(self, key: str, index: int) -> bool:
        """Whether every element opened inside the one at `index` is entered under `key`."""
        inside = len(self.entries) - 1 - index
        at = self.where.get(key, ())
        return inside == 0 or len(at) >= inside and at[-inside] == index + 1

    def in_foreign(self, name: str) -> bool:
        """Whether a start tag `name` is read by the rules for SVG and MathML content."""
        if not self.entries:
            return False
        top, ns, point, _ = self.entries[-1]
        if ns == 0 or point == HTML_POINT:
            return False
        if point == TEXT_POINT:
            return name in ("mglyph", "malignmark")
        return not (top == "annotation-xml" and name == "svg")


def _start(stack: _Stack, name: str, attrs: str, self_closing: bool) -> int:
    """Apply a start tag to the stack: PUSHED, RAW (raw text follows) or NONE."""
    foreign = stack.entries and stack.entries[-1][1] != 0 and stack.in_foreign(name)
    if foreign and (name in BREAKOUT or name == "font" and {"color", "face", "size"} & {
            n.split("=")[0].strip().lower() for n in _ATTR_NAME.findall(attrs)}):
        while stack.entries and stack.entries[-1][1] != 0 and not stack.entries[-1][2]:
            stack.pop_to(len(stack.entries) - 1)
        foreign = False
    if foreign:
        if self_closing:
            return NONE
        ns = stack.entries[-1][1]
        point = (HTML_POINT if (ns, name) in FOREIGN_SPECIAL and ns == SVG
                 or name == "annotation-xml" and _HTML_ANNOTATION.search(attrs)
                 else TEXT_POINT if (ns, name) in FOREIGN_SPECIAL and name != "annotation-xml"
                 else 0)
        stack.push(name, ns, point)
        return PUSHED
    if name in NOT_PUSHED:
        return NONE
    if name in CLOSES_P:
        stack.close(("p",), (_SCOPE, "button"))
    if name == "li":
        stack.close(("li",), (_SPECIAL_X, "dd", "dt"))
    elif name == "dd" or name == "dt":
        stack.close(("dd", "dt"), (_SPECIAL_X, "li"))
    elif name in HEADINGS:
        stack.close_top(*HEADINGS)
    elif name == "option" or name == "optgroup":
        stack.close_top("option")
    elif name == "button":
        stack.close(("button",), (_SCOPE,))
    elif name == "a" or name == "nobr":
        stack.close((name,), (_SCOPE, _SPECIAL))
    elif name == "select" and (i := stack.top("select")) >= 0:
        if stack.only_above(_OPT, i):  # a <select> inside one ends it
            stack.pop_to(i)
        return NONE
    elif name in TABLE_PARTS:
        stack.close(("td", "th"), _TABLE_SCOPE)
        if name != "td" and name != "th":
            stack.close(("tr",), _TABLE_SCOPE)
            if name != "tr":
                stack.close(("tbody", "thead", "tfoot"), _TABLE_SCOPE)
    elif name == "table" and stack.entries and stack.entries[-1][0] in (
            "table", "tbody", "thead", "tfoot", "tr"):
        stack.close(("table",), _TABLE_SCOPE)  # a table straight inside a table ends it
    if name in VOID:
        return NONE
    if name in RAW_TEXT:
        return RAW
    if name == "svg" or name == "math":
        if self_closing:
            return NONE
        stack.push(name, SVG if name == "svg" else MATH)
        return PUSHED
    stack.push(name)
    return PUSHED


def _end(stack: _Stack, name: str) -> int | None:
    """Apply an end tag; the index of the outermost element it closed, or None."""
    before = len(stack.entries)
    if stack.entries and stack.entries[-1][1] != 0:
        i = stack.top("svg " + name, "math " + name)
        if i >= 0 and stack.only_above(_FOREIGN, i):
            stack.pop_to(i)
            return i
    if name == "p":
        stack.close(("p",), (_SCOPE, "button"))
    elif name == "li":
        stack.close(("li",), (_SCOPE, "ol", "ul"))
    elif name in BLOCK_END or name == "dd" or name == "dt":
        stack.close((name,), (_SCOPE,))
    elif name in HEADINGS:
        stack.close(tuple(HEADINGS), (_SCOPE,))
    elif name in TABLE_PARTS or name == "table":
        stack.close((name,), _TABLE_SCOPE)
    elif name == "select":
        if (i := stack.top("select")) >= 0 and stack.only_above(_OPT, i):
            stack.pop_to(i)
    elif name == "template":
        stack.close(("template",))
    elif name in FORMATTING:
        stack.close((name,), (_SCOPE, _SPECIAL))
    elif name in ("form", "option", "optgroup", "colgroup"):
        stack.close_top(name)
    elif name not in NOT_PUSHED and name != "br":
        stack.close((name,), (_SPECIAL,))
    return len(stack.entries) if len(stack.entries) < before else None


def _escaped(text: str, rcdata: bool) -> str:
    return (text if rcdata else text.replace("&", "&amp;")).replace("<", "&lt;")


def _skip_markup(html: str, lt: int) -> int | None:
    """Where the comment, doctype or stray "<" at `lt` ends; None when the document ends
    inside a tag (the tokenizer then drops the rest)."""
    if html.startswith("<!--", lt):
        if html.startswith(">", lt + 4) or html.startswith("->", lt + 4):
            return html.index(">", lt + 4) + 1  # "<!-->" and "<!--->" are empty comments
        m = _COMMENT_END.search(html, lt + 4)
        return m.end() if m else len(html)
    after, then = html[lt + 1:lt + 2], html[lt + 2:lt + 3]
    if _LETTER.match(after) or after == "/" and _LETTER.match(then):
        return None
    if after in ("!", "?") or after == "/" and then not in ("", ">"):
        return html.find(">", lt) + 1 or len(html)  # a bogus comment, to the next ">"
    return lt + 3 if html.startswith("</>", lt) else lt + 1  # "</>" is dropped, "<" is text


def flatten_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with every element deeper than `max_depth` unwrapped (see the module doc)."""
    if html.count("<") <= max_depth:
        return html
    stack, cuts, pos = _Stack(), [], 0
    entries, where, key_cache = stack.entries, stack.where, {}
    while m := _TOKEN.search(html, pos):
        lt, pos = m.span()
        end, name, attrs, self_closing, other = m.groups()
        if other is not None:
            if (pos := _skip_markup(html, lt)) is None:
                break
            continue
        name = name.lower() if name.isascii() else name.translate(_ASCII_LOWER)
        if end:
            if entries and entries[-1][0] == name:  # closes the current node, as it must
                closed = len(entries) - 1
                for key in entries.pop()[3]:
                    where[key].pop()
            else:
                closed = _end(stack, name)
            if closed is None and len(entries) > max_depth or (closed or 0) >= max_depth:
                cuts.append((lt, pos, ""))
            continue
        if (not entries or entries[-1][1] == 0) and (
                name not in _START_RULES or name in _CLOSES_P_ONLY and not where.get("p")):
            # Nothing to close first, nothing special about it: pushed (inlined for speed).
            if (keys := key_cache.get(name)) is None:
                keys = key_cache[name] = _keys(name, 0)
            for key in keys:
                where[key].append(len(entries))
            entries.append((name, 0, 0, keys))
            done = PUSHED
        else:
            done = _start(stack, name, attrs, bool(self_closing))
        if done == PUSHED and name != "plaintext":
            if len(entries) > max_depth:
                cuts.append((lt, pos, ""))
            continue
        elif done == NONE:
            if len(entries) >= max_depth and name not in VOID and not self_closing:
                cuts.append((lt, pos, ""))
            continue
        # Raw text runs to its end tag (plaintext: to the end); no tag inside counts.
        pattern = _RAW_END.get(name) or _RAW_END.setdefault(
            name, re.compile(rf"</{name}[\t\n\f\r />]", re.I))
        found = pattern.search(html, pos) if name != "plaintext" else None
        stop = found.start() if found else len(html)
        end_tag = _TAG.match(html, stop) if found else None
        if len(entries) >= max_depth + (name == "plaintext"):
            text = "" if name in RAW_DROPPED else _escaped(html[pos:stop],
                                                           name in ("textarea", "title"))
            cuts.append((lt, end_tag.end() if end_tag else len(html), text))
        if not end_tag:
            break
        pos = end_tag.end()
    if not cuts:
        return html
    out, at = [], 0
    for start, stop, text in cuts:
        out += [html[at:start], text]
        at = stop
    out.append(html[at:])
    return "".join(out)
