"""WordPress shortcodes and embeds turned into plain HTML.

`[caption]` becomes a figure with its caption, `[gallery]` the gallery's images, `[embed]`,
`[video]`, `[youtube]`, `[vimeo]` and a video address alone on its line the player we
embed (pipeline/quirks.py's hosts, as the sanitize stage lets through); any other
shortcode is dropped with its inner text kept. Bracketed words that are no shortcode
("[sic]", "[Update]") stay as they are, as they showed on the old site.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from dramawired.pipeline.quirks import player_url


@dataclass(frozen=True)
class Image:
    url: str
    alt: str = ""
    caption: str = ""


# attachment ids (or, with none given, the post's own id) -> the gallery's images
Gallery = Callable[[list[int], int], list[Image]]

# Shortcodes with neither attributes nor a closing tag that are still shortcodes (dropped).
BARE_SHORTCODES = {"toc", "ad", "ads", "adsense", "divider", "clear", "clearfix",
                   "related", "related_posts", "subscribe", "newsletter", "more", "nextpage"}
_ATTR = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*"""
                   r"""([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)""")
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
# autoembed: an address alone on its line (WordPress's WP_Embed::autoembed pattern).
_BARE_URL = re.compile(r"^([ \t]*)(https?://[^\s<>\"]+)([ \t]*)$", re.M)
_CAPTION = re.compile(r"\[(caption|wp_caption)(?![\w-])([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
_CAPTION_MEDIA = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.S | re.I)
_SINGLE = re.compile(r"\[(gallery|video|audio|youtube|vimeo|playlist)(?![\w-])(=?[^\]]*)\]"
                     r"(?:(.*?)\[/\1\])?", re.S | re.I)
_TAG = re.compile(r"\[(\[?)(/?)([a-zA-Z][\w-]*)((?:[\s=][^\]]*?)?)(/?)\](\]?)")
_ESCAPED = re.compile(r"\[\[([^\[\]\x02\x03]+)\]\]")
_P_AROUND_FIGURES = re.compile(r"<p>\s*((?:<figure\b.*?</figure>\s*)+)</p>", re.S)


def attributes(text: str) -> dict[str, str]:
    """shortcode_parse_atts(): named values, and positional ones under "0", "1"…"""
    found, position = {}, 0
    for m in _ATTR.finditer(text.strip().lstrip("=")):
        if m.group(1) or m.group(3) or m.group(5):
            name = (m.group(1) or m.group(3) or m.group(5)).lower()
            found[name] = html.unescape(m.group(2) if m.group(1) else
                                        m.group(4) if m.group(3) else m.group(6))
        else:
            found[str(position)] = html.unescape(
                next(g for g in m.groups()[6:] if g is not None))
            position += 1
    return found


def player(url: str) -> str:
    """Our video embed for a video address; a plain link for any other address."""
    url = html.unescape(url.strip())
    # Old posts name the players' hosts over http; the players themselves are https.
    secure = "https://" + url[7:] if url.startswith("http://") else url
    if found := player_url(url) or player_url(secure):
        return f'<iframe src="{html.escape(found)}" allowfullscreen></iframe>'
    safe = html.escape(url)
    return f'<a href="{safe}">{safe}</a>'


def embeds(text: str) -> str:
    """[embed]URL[/embed] and bare addresses on their own line (run before wpautop, as
    WordPress runs its embeds)."""
    text = _EMBED.sub(lambda m: player(m.group(1)), text)
    return _BARE_URL.sub(lambda m: m.group(1) + player(m.group(2)) + m.group(3), text)


def _figure(media: str, caption: str) -> str:
    caption = caption.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media.strip()}{figcaption}</figure>"


def _caption(m: re.Match) -> str:
    attrs = attributes(m.group(2))
    found = _CAPTION_MEDIA.match(m.group(3).strip())
    if not found:
        return m.group(3)
    caption = found.group(2) or html.escape(attrs.get("caption", ""))
    return _figure(found.group(1), caption)


def _gallery(attrs: dict[str, str], post_id: int, gallery: Gallery | None) -> str:
    ids = [int(n) for n in re.findall(r"\d+", attrs.get("ids", attrs.get("include", "")))]
    images = gallery(ids, post_id) if gallery else []
    return "".join(_figure(f'<img src="{html.escape(i.url)}" alt="{html.escape(i.alt)}">',
                           html.escape(i.caption)) for i in images)


def _media(name: str, attrs: dict[str, str], inner: str) -> str:
    url = attrs.get("src") or next((attrs[k] for k in ("mp4", "m4v", "webm", "ogv", "mp3",
                                                       "m4a", "ogg", "wav", "0") if k in attrs),
                                   "") or inner.strip()
    if name == "vimeo" and url.isdigit():
        url = f"https://vimeo.com/{url}"
    if not url:
        return ""
    if player_url(url) or name in ("youtube", "vimeo"):
        return player(url)
    tag = "audio" if name == "audio" else "video"
    return f'<{tag} src="{html.escape(url)}" controls></{tag}>'


def _unknown(text: str) -> str:
    """Other shortcodes' tags dropped, their inner text kept."""
    closed = {m.lower() for m in re.findall(r"\[/([a-zA-Z][\w-]*)\]", text)}

    def replace(m: re.Match) -> str:
        name, attrs = m.group(3).lower(), m.group(4)
        if name in closed or "=" in attrs or "_" in name or "-" in name \
                or name in BARE_SHORTCODES or m.group(5) or m.group(2):
            return m.group(1) + m.group(6) if m.group(1) != m.group(6) else ""
        return m.group(0)

    return _TAG.sub(replace, text)


def shortcodes(text: str, post_id: int = 0, gallery: Gallery | None = None) -> str:
    """Every shortcode in `text` (run after wpautop, as WordPress runs them)."""
    # "[[gallery]]" is WordPress's way to write a literal "[gallery]": kept aside.
    text = _ESCAPED.sub(lambda m: "\x02" + m.group(1) + "\x03", text)
    text = _CAPTION.sub(_caption, text)

    def single(m: re.Match) -> str:
        name, attrs = m.group(1).lower(), attributes(m.group(2))
        if name == "gallery":
            return _gallery(attrs, post_id, gallery)
        if name == "playlist":
            return ""
        return _media(name, attrs, m.group(3) or "")

    text = _SINGLE.sub(single, text)
    text = _unknown(text).replace("\x02", "[").replace("\x03", "]")
    # shortcode_unautop: a figure is no paragraph's content.
    return _P_AROUND_FIGURES.sub(lambda m: m.group(1), text)
