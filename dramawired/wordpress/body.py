"""A WordPress post's body as our story's HTML: block comments removed, embeds, automatic
paragraphs for classic-editor posts, shortcodes, then the project's sanitize stage (the
one door every foreign body goes through)."""

import re

from dramawired.pipeline.sanitize import sanitize_html

from .autop import wpautop
from .shortcodes import Gallery, embeds, shortcodes

# <!-- wp:paragraph -->, <!-- wp:image {"id":5} -->, <!-- /wp:paragraph -->, <!-- wp:x /-->
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?", re.S)
_MORE = re.compile(r"<!--\s*(?:more|noteaser|nextpage)\b[^>]*-->", re.I)
_EMPTY_P = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")


def is_block_content(content: str) -> bool:
    """Written in the block editor: WordPress runs no wpautop over it (has_blocks())."""
    return "<!-- wp:" in content


def to_html(content: str, base_url: str, *, post_id: int = 0,
            gallery: Gallery | None = None) -> str:
    blocks = is_block_content(content)
    text = _MORE.sub("", _BLOCK_COMMENT.sub("", content))
    text = embeds(text)
    if not blocks:
        text = wpautop(text)
    text = shortcodes(text, post_id, gallery)
    return _EMPTY_P.sub("", sanitize_html(text, base_url)).strip()
