"""WordPress's automatic paragraphs: a port of `wpautop()` (wp-includes/formatting.php,
WordPress 6.x), so a classic-editor post reads as it did on the old site: blank lines
become paragraphs, single newlines line breaks, block-level tags left unwrapped.

Every replacement below is a constant; no text from a post is ever used as a replacement
template (design.md: PHP's `$1` in replacement strings is how "$640M" became "0M").
"""

import re

ALLBLOCKS = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol"
             r"|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend"
             r"|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu"
             r"|summary)")
# The inside of every tag and HTML comment: newlines there are not paragraph breaks
# (wp_replace_in_html_tags).
_TAG = re.compile(r"<!--.*?-->|<[^<>]*>", re.S)
_NL_MARK = " <!-- wpnl --> "
_RAW = re.compile(r"<(script|style|svg|math).*?</\1>", re.S)

_SUBS_BEFORE = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>"), "\n\n"),
    (re.compile(r"(<" + ALLBLOCKS + r"[\s/>])"), "\n\n\\1"),
    (re.compile(r"(</" + ALLBLOCKS + r">)"), "\\1\n\n"),
    (re.compile(r"(<hr\s*?/?>)"), "\\1\n\n"),
]
_OPTION = [(re.compile(r"\s*<option"), "<option"), (re.compile(r"</option>\s*"), "</option>")]
_OBJECT = [(re.compile(r"(<object[^>]*>)\s*"), "\\1"), (re.compile(r"\s*</object>"), "</object>"),
           (re.compile(r"\s*(</?(?:param|embed)[^>]*>)\s*"), "\\1")]
_MEDIA = [(re.compile(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*"), "\\1"),
          (re.compile(r"\s*([<\[]/(?:audio|video)[>\]])"), "\\1"),
          (re.compile(r"\s*(<(?:source|track)[^>]*>)\s*"), "\\1")]
_FIGCAPTION = [(re.compile(r"\s*(<figcaption[^>]*>)"), "\\1"),
               (re.compile(r"</figcaption>\s*"), "</figcaption>")]
_SUBS_AFTER = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), "<p>\\1</p></\\2>"),
    (re.compile(r"<p>\s*(</?" + ALLBLOCKS + r"[^>]*>)\s*</p>"), "\\1"),
    (re.compile(r"<p>(<li.+?)</p>"), "\\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.I), "<blockquote\\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(r"<p>\s*(</?" + ALLBLOCKS + r"[^>]*>)"), "\\1"),
    (re.compile(r"(</?" + ALLBLOCKS + r"[^>]*>)\s*</p>"), "\\1"),
]
_BR = re.compile(r"(?<!<br />)\s*\n")
_SUBS_END = [
    (re.compile(r"(</?" + ALLBLOCKS + r"[^>]*>)\s*<br />"), "\\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"), "\\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]


def _apply(text: str, subs) -> str:
    for pattern, replacement in subs:
        text = pattern.sub(replacement, text)
    return text


def _hide_pre(text: str) -> tuple[str, dict[str, str]]:
    """<pre> blocks are kept out of the paragraphs, as WordPress does."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    kept, out = {}, []
    for i, part in enumerate(parts):
        start = part.find("<pre")
        if start < 0:
            out.append(part)
            continue
        name = f"<pre wp-pre-tag-{i}></pre>"
        kept[name] = part[start:] + "</pre>"
        out.append(part[:start] + name)
    return "".join(out) + last, kept


def wpautop(text: str, br: bool = True) -> str:
    if not text.strip():
        return ""
    text, pre_tags = _hide_pre(text + "\n")
    text = _apply(text, _SUBS_BEFORE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub(lambda m: m.group(0).replace("\n", _NL_MARK), text)
    if "<option" in text:
        text = _apply(text, _OPTION)
    if "</object>" in text:
        text = _apply(text, _OBJECT)
    if "<source" in text or "<track" in text:
        text = _apply(text, _MEDIA)
    if "<figcaption" in text:
        text = _apply(text, _FIGCAPTION)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join("<p>" + p.strip("\n") + "</p>\n" for p in paragraphs)
    text = _apply(text, _SUBS_AFTER)
    if br:
        text = _RAW.sub(lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _BR.sub("<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = _apply(text, _SUBS_END)
    for name, block in pre_tags.items():
        text = text.replace(name, block)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NL_MARK, "\n").replace("<!-- wpnl -->", "\n")
    return text
