"""The demo outlets' feeds, one writer per format, as real publishers shape them."""

import json
import re
from email.utils import format_datetime
from html import escape, unescape

from .catalog import OUTLETS, DemoArticle, Outlet, find


def _x(text: str) -> str:
    """Escape for XML text and attributes."""
    return escape(text, quote=True)


def article_url(base: str, article: DemoArticle) -> str:
    url = base + article.path
    if article.outlet.tracking:
        url += "?utm_source=rss&utm_medium=feed&utm_campaign=starlight"
    return url


def _body(base: str, article: DemoArticle) -> str:
    image = (f'<p><img src="{article.image_path}" alt="{_x(article.image_alt)}" '
             f'width="1200" height="675"></p>')
    return image + article.body.replace('src="/', f'src="{base}/')


def render_feed(outlet: Outlet, items: list[DemoArticle], base: str) -> tuple[bytes, str]:
    """(body, content type) of the outlet's feed."""
    writer = {"rss2": _rss2, "atom": _atom, "json": _json, "rss1": _rss1,
              "youtube": _youtube, "reddit": _reddit}[outlet.feed_format]
    text, content_type = writer(outlet, items, base)
    if outlet.feed_format == "json":
        return text.encode("utf-8"), content_type
    # Characters the declared encoding lacks (CJK in a windows-1252 feed) become numeric
    # character references, as real publishers' XML writers do.
    return text.encode(outlet.encoding, errors="xmlcharrefreplace"), content_type


def _rss2(outlet, items, base):
    home = f"{base}/{outlet.slug}/"
    out = [f'<?xml version="1.0" encoding="{outlet.encoding}"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:media="http://search.yahoo.com/mrss/">',
           f"<channel><title>{_x(outlet.name)}</title><link>{home}</link>",
           f"<description>{_x(outlet.name)} — latest stories</description>"]
    for a in items:
        url = article_url(base, a)
        out.append("<item>")
        out.append(f"<title>{_x(a.title)}</title><link>{_x(url)}</link>")
        out.append(f'<guid isPermaLink="false">{outlet.slug}-{a.slug}</guid>')
        out.append(f"<dc:creator>{_x(a.author)}</dc:creator>")
        out.append(f"<pubDate>{format_datetime(a.published)}</pubDate>")
        out.append(f"<category>{_x(a.category)}</category>")
        out.append(f"<description>{_x(a.summary)}</description>")
        if outlet.full_content:
            out.append(f"<content:encoded><![CDATA[{_body(base, a)}]]></content:encoded>")
        out.append(f'<media:thumbnail url="{base}{a.image_path}"/>')
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out), f"application/rss+xml; charset={outlet.encoding}"


def _atom(outlet, items, base):
    home = f"{base}/{outlet.slug}/"
    updated = items[0].published.isoformat() if items else "2026-01-01T00:00:00+00:00"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{_x(outlet.name)}</title>",
           f'<link rel="alternate" href="{home}"/>',
           f'<link rel="self" href="{base}/{outlet.slug}/feed"/>',
           f"<id>{home}</id><updated>{updated}</updated>"]
    for a in items:
        url = article_url(base, a)
        out.append("<entry>")
        out.append(f'<title type="text">{_x(a.title)}</title>')
        out.append(f'<link rel="alternate" type="text/html" href="{_x(url)}"/>')
        out.append(f"<id>tag:{outlet.slug}.demo,2026:{a.slug}</id>")
        out.append(f"<published>{a.published.isoformat()}</published>")
        out.append(f"<updated>{a.published.isoformat()}</updated>")
        out.append(f"<author><name>{_x(a.author)}</name></author>")
        out.append(f'<category term="{_x(a.category)}"/>')
        out.append(f'<summary type="text">{_x(a.summary)}</summary>')
        if outlet.full_content:
            out.append(f'<content type="html">{_x(_body(base, a))}</content>')
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out), "application/atom+xml; charset=utf-8"


def _rss1(outlet, items, base):
    home = f"{base}/{outlet.slug}/"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           f'<channel rdf:about="{base}/{outlet.slug}/feed"><title>{_x(outlet.name)}</title>',
           f"<link>{home}</link><description>{_x(outlet.name)}</description>",
           "<items><rdf:Seq>"]
    out += [f'<rdf:li rdf:resource="{_x(article_url(base, a))}"/>' for a in items]
    out.append("</rdf:Seq></items></channel>")
    for a in items:
        url = _x(article_url(base, a))
        out.append(f'<item rdf:about="{url}"><title>{_x(a.title)}</title><link>{url}</link>')
        out.append(f"<description>{_x(a.summary)}</description>")
        out.append(f"<dc:creator>{_x(a.author)}</dc:creator>")
        out.append(f"<dc:date>{a.published.isoformat()}</dc:date>")
        out.append(f"<dc:subject>{_x(a.category)}</dc:subject></item>")
    out.append("</rdf:RDF>")
    return "\n".join(out), "application/rdf+xml; charset=utf-8"


def _json(outlet, items, base):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "home_page_url": f"{base}/{outlet.slug}/",
        "feed_url": f"{base}/{outlet.slug}/feed",
        "items": [{
            "id": f"{outlet.slug}/{a.slug}",
            "url": article_url(base, a),
            "title": a.title,
            "summary": a.summary,
            "content_text": a.summary,
            "image": base + a.image_path,
            "date_published": a.published.isoformat(),
            "authors": [{"name": a.author}],
            "tags": [a.category],
        } for a in items],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1), "application/feed+json"


def _youtube(outlet, items, base):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
           'xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">',
           f'<link rel="self" href="{base}/{outlet.slug}/feed"/>',
           "<id>yt:channel:UCdramacamdemo00000000</id>",
           "<yt:channelId>UCdramacamdemo00000000</yt:channelId>",
           f"<title>{_x(outlet.name)}</title>",
           f'<link rel="alternate" href="{base}/{outlet.slug}/"/>',
           f"<author><name>{_x(outlet.name)}</name><uri>{base}/{outlet.slug}/</uri></author>"]
    for a in items:
        description = "\n\n".join(_paragraphs(a.body))
        out += [
            "<entry>",
            f"<id>yt:video:{a.video}</id><yt:videoId>{a.video}</yt:videoId>",
            "<yt:channelId>UCdramacamdemo00000000</yt:channelId>",
            f"<title>{_x(a.title)}</title>",
            f'<link rel="alternate" href="{base}{a.path}"/>',
            f"<author><name>{_x(a.author)}</name></author>",
            f"<published>{a.published.isoformat()}</published>",
            f"<updated>{a.published.isoformat()}</updated>",
            "<media:group>",
            f"<media:title>{_x(a.title)}</media:title>",
            f'<media:content url="https://www.youtube.com/v/{a.video}?version=3" '
            'type="application/x-shockwave-flash" width="640" height="390"/>',
            f'<media:thumbnail url="{base}{a.image_path}" width="480" height="360"/>',
            f"<media:description>{_x(description)}</media:description>",
            "</media:group>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out), "application/atom+xml; charset=utf-8"


def _paragraphs(body: str) -> list[str]:
    """Plain-text paragraphs of an HTML body (for a video description)."""
    return [unescape(re.sub(r"<[^>]+>", "", p)).strip()
            for p in re.findall(r"<p>(.*?)</p>", body, re.S)]


def _reddit(outlet, items, base):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" '
           'xmlns:media="http://search.yahoo.com/mrss/">',
           '<category term="PopDrama" label="r/PopDrama"/>',
           f"<title>{_x(outlet.name)}</title>",
           f'<link rel="alternate" href="{base}/{outlet.slug}/"/>',
           f"<id>{base}/{outlet.slug}/.rss</id>"]
    for a in items:
        comments = f"https://www.reddit.com/r/PopDrama/comments/{a.slug[:6]}/{a.slug}/"
        if a.link:
            target_outlet, _, target_slug = a.link.partition("/")
            target = find(target_outlet, target_slug)
            link = article_url(base, target) if target else comments
            link = link.split("?")[0]  # people share the clean address
            inner = ""
        else:
            link = comments
            inner = f'<!-- SC_OFF --><div class="md">{a.body}</div><!-- SC_ON -->'
        content = (f'{inner} &#32; submitted by <a href="https://www.reddit.com/user/'
                   f'{a.author[2:]}"> /{a.author} </a> <br/> <span><a href="{_x(link)}">'
                   f'[link]</a></span> &#32; <span><a href="{comments}">[comments]</a></span>')
        out += [
            "<entry>",
            f"<author><name>/{_x(a.author)}</name></author>",
            '<category term="PopDrama" label="r/PopDrama"/>',
            f'<content type="html">{_x(content)}</content>',
            f"<id>t3_{_thread_id(a)}</id>",
            f'<link href="{comments}"/>',
            f"<updated>{a.published.isoformat()}</updated>",
            f"<published>{a.published.isoformat()}</published>",
            f"<title>{_x(a.title)}</title>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out), "application/atom+xml; charset=UTF-8"


def _thread_id(article: DemoArticle) -> str:
    """Reddit's id for a post; a repost (release.py) is a new thread with an id of its own."""
    if article.edition == 1:
        return article.slug[:8]
    return f"{article.slug[:5]}{article.edition:03d}"


def render_opml(base: str) -> bytes:
    """All outlets' feeds, in folders named for the category each covers."""
    folders: dict[str, list[Outlet]] = {}
    for outlet in OUTLETS:
        folders.setdefault(outlet.category, []).append(outlet)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
           "<head><title>DramaWired demo publishers</title></head>", "<body>"]
    for category, outlets in folders.items():
        out.append(f'<outline text="{_x(category)}" title="{_x(category)}">')
        for o in outlets:
            out.append(f'<outline type="rss" text="{_x(o.name)}" title="{_x(o.name)}" '
                       f'xmlUrl="{base}/{o.slug}/feed" htmlUrl="{base}/{o.slug}/"/>')
        out.append("</outline>")
    out += ["</body>", "</opml>"]
    return "\n".join(out).encode("utf-8")

