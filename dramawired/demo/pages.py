"""The demo outlets' HTML pages, with the chrome real news pages wrap around a story
(navigation, ad slots, share bars, related links, comments, newsletter box, footer), so
that extraction is exercised on what it meets in the wild."""

import hashlib
from html import escape

from .catalog import EVERYTHING, OUTLETS, DemoArticle, Outlet, Shelf

NAV = ["News", "Celebrity", "TV", "Movies", "Music", "Style", "Video", "Newsletters"]
COMMENTERS = [
    ("glitterbomb88", "Called it months ago. Nobody listens to me 🙄"),
    ("Dana R.", "Honestly this is the least surprising news of the year &amp; I'm here for it."),
    ("popcorn_prophet", "Source? Every outlet is just copying each other at this point."),
    ("Marguerite", "Je l'adore. Can't wait to see what happens next!"),
]


def _e(text: str) -> str:
    return escape(text, quote=True)


def _head(title: str, outlet: Outlet, base: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{outlet.encoding}">
<title>{_e(title)} | {_e(outlet.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="application/rss+xml" title="{_e(outlet.name)}"
      href="{base}/{outlet.slug}/feed">
<link rel="stylesheet" href="/static/{outlet.layout}.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
{extra}</head>"""


def _header(outlet: Outlet) -> str:
    links = "".join(f'<li><a href="/{outlet.slug}/section/{n.lower()}">{n}</a></li>'
                    for n in NAV)
    return f"""<header class="site-header"><div class="top-bar"><a href="/{outlet.slug}/"
class="logo">{_e(outlet.name)}</a><form class="search" action="/{outlet.slug}/search">
<input name="q" placeholder="Search"><button>Go</button></form>
<a href="/{outlet.slug}/subscribe" class="cta">Subscribe</a></div>
<nav class="main-nav" aria-label="Sections"><ul>{links}</ul></nav>
<div class="trending">Trending: <a href="/{outlet.slug}/t/awards">Awards season</a> ·
<a href="/{outlet.slug}/t/red-carpet">Red carpet</a> · <a href="/{outlet.slug}/t/k-drama">K-drama</a>
</div></header>
<div class="ad ad-leaderboard" id="div-gpt-ad-top">Advertisement</div>"""


def _share(article: DemoArticle) -> str:
    n = int(hashlib.md5(article.slug.encode()).hexdigest()[:4], 16) % 900 + 40
    return f"""<div class="share-bar"><span class="share-count">{n} Shares</span>
<a class="share fb" href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a>
<a class="share tw" href="https://twitter.com/intent/tweet?url=x">Tweet</a>
<a class="share mail" href="mailto:?subject=x">Email</a>
<button class="copy-link">Copy link</button></div>"""


def _related(article: DemoArticle, base: str, shelf: Shelf) -> str:
    others = [a for a in shelf.items(article.outlet.slug) if a.slug != article.slug][:4]
    links = "".join(f'<li><a href="{base}{a.path}">{_e(a.title)}</a></li>' for a in others)
    return f'<aside class="related"><h3>More from {_e(article.outlet.name)}</h3><ul>{links}</ul></aside>'


def _comments(article: DemoArticle) -> str:
    start = len(article.slug) % len(COMMENTERS)
    picked = (COMMENTERS * 2)[start:start + 3]
    items = "".join(
        f'<li class="comment"><div class="comment-author">{name}</div>'
        f'<div class="comment-date">2 hours ago</div><p>{text}</p>'
        f'<a class="reply" href="#respond">Reply</a></li>' for name, text in picked)
    return f"""<section id="comments" class="comments-area"><h3>{len(picked)} Comments</h3>
<ol class="comment-list">{items}</ol>
<div id="respond"><h3>Leave a Reply</h3><form action="/comment" method="post">
<textarea name="comment"></textarea><input name="author" placeholder="Name*">
<input name="email" placeholder="Email*"><button>Post Comment</button></form></div>
</section>"""


def _footer(outlet: Outlet) -> str:
    return f"""<div class="newsletter"><h4>Get the {_e(outlet.name)} newsletter</h4>
<p>The day's biggest stories, every morning.</p><form><input type="email"
placeholder="you@example.com"><button>Sign up</button></form></div>
<footer class="site-footer"><ul><li><a href="/{outlet.slug}/about">About</a></li>
<li><a href="/{outlet.slug}/privacy">Privacy Policy</a></li><li><a href="/{outlet.slug}/terms">Terms
of Use</a></li><li><a href="/{outlet.slug}/contact">Contact</a></li></ul>
<p>© 2026 {_e(outlet.name)} Media Group. All rights reserved. This demo outlet is fiction.</p>
</footer><script src="/static/tracker.js" async></script>"""


def article_page(article: DemoArticle, base: str, shelf: Shelf = EVERYTHING) -> str:
    outlet = article.outlet
    image = base + article.image_path
    when = article.published.isoformat()
    meta = f"""<meta property="og:title" content="{_e(article.title)}">
<meta property="og:type" content="article">
<meta property="og:image" content="{image}">
<meta property="og:url" content="{base}{article.path}">
<meta name="author" content="{_e(article.author)}">
<meta property="article:published_time" content="{when}">
<meta property="article:section" content="{_e(article.category)}">
<link rel="canonical" href="{base}{(article.original or article).path}">
"""
    byline = (f'<div class="byline">By <a rel="author" href="/{outlet.slug}/author/'
              f'{article.author.lower().replace(" ", "-")}">{_e(article.author)}</a> · '
              f'<time datetime="{when}">{article.published:%B %-d, %Y %-I:%M %p}</time></div>')
    figure = (f'<figure class="lead"><img src="{image}" alt="{_e(article.image_alt)}" '
              f'width="1200" height="675"><figcaption>{_e(article.image_alt)}</figcaption>'
              f"</figure>")
    story = article.body
    if article.video:
        story = (f'<div class="video"><iframe src="https://www.youtube.com/embed/{article.video}"'
                 f' width="640" height="360" allowfullscreen></iframe></div>' + story)
    midpoint = story.find("</p>", len(story) // 2)
    if midpoint > 0:  # an ad slot inside the story, as real pages do
        story = (story[:midpoint + 4] + '<div class="ad ad-inline">Advertisement · '
                 'Story continues below</div>' + story[midpoint + 4:])
    layouts = {
        "magazine": f"""<main id="main"><div class="breadcrumbs"><a href="/{outlet.slug}/">Home</a> ›
{_e(article.category)}</div><article class="post"><h1 class="entry-title">{_e(article.title)}</h1>
{byline}{_share(article)}{figure}<div class="entry-content">{story}</div>
<div class="tags">Tags: <a href="#">{_e(article.category)}</a></div></article>
{_share(article)}{_related(article, base, shelf)}{_comments(article)}</main>
<aside class="sidebar"><div class="widget">Most Popular</div><div class="ad ad-box">Advertisement</div></aside>""",
        "blog": f"""<div class="wrap"><main><article id="post-1" class="hentry">
<header><span class="cat-links">{_e(article.category)}</span><h1>{_e(article.title)}</h1>{byline}</header>
{figure}<div class="post-content">{story}</div>{_share(article)}</article>
{_related(article, base, shelf)}{_comments(article)}</main>
<div id="sidebar"><section class="widget"><h3>Popular Posts</h3></section></div></div>""",
        "broadsheet": f"""<div id="page"><div class="story-header"><p class="kicker">{_e(article.category)}</p>
<h1 itemprop="headline">{_e(article.title)}</h1><p class="dek">{_e(article.summary)}</p>{byline}</div>
{figure}{_share(article)}<section id="story-body" itemprop="articleBody">{story}</section>
<div class="ad ad-outbrain">Sponsored Stories</div>{_related(article, base, shelf)}{_comments(article)}</div>""",
        "forum": f"""<div class="thread"><h1>{_e(article.title)}</h1>{byline}
<div class="usertext-body">{story}</div>{_share(article)}{_comments(article)}</div>""",
        "video": f"""<div id="watch"><h1>{_e(article.title)}</h1>{story}{byline}{_share(article)}
{_comments(article)}</div>""",
    }
    return (_head(article.title, outlet, base, meta) + "<body>" + _header(outlet)
            + layouts[outlet.layout] + _footer(outlet) + "</body></html>")


def outlet_home(outlet: Outlet, base: str, shelf: Shelf = EVERYTHING) -> str:
    items = "".join(
        f'<li><a href="{base}{a.path}">{_e(a.title)}</a> <small>{a.published:%b %-d}</small></li>'
        for a in shelf.items(outlet.slug))
    return (_head("Home", outlet, base) + "<body>" + _header(outlet)
            + f"<main><h1>Latest from {_e(outlet.name)}</h1><ul>{items}</ul></main>"
            + _footer(outlet) + "</body></html>")


def index_page(base: str, shelf: Shelf = EVERYTHING) -> str:
    rows = "".join(
        f'<li><a href="{base}/{o.slug}/">{_e(o.name)}</a> — <a href="{base}/{o.slug}/feed">'
        f"{o.feed_format} feed</a>, {len(shelf.items(o.slug))} items</li>" for o in OUTLETS)
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>DramaWired demo "
            f"publishers</title></head><body><h1>Demo publishers</h1><ul>{rows}</ul>"
            f'<p><a href="{base}/opml.xml">OPML of all feeds</a></p></body></html>')


def lead_image_svg(article: DemoArticle) -> str:
    hue = int(hashlib.md5(article.slug.encode()).hexdigest()[:2], 16) * 360 // 256
    words, lines, line = article.title.split(), [], ""
    for word in words:
        if len(line) + len(word) > 28:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    text = "".join(f'<tspan x="60" dy="72">{_e(t)}</tspan>' for t in lines[:6])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" '
            f'viewBox="0 0 1200 675"><rect width="1200" height="675" '
            f'fill="hsl({hue},55%,35%)"/><text x="60" y="80" fill="#fff" '
            f'font-family="sans-serif" font-size="56" font-weight="700">{text}</text>'
            f'<text x="60" y="630" fill="#fff" opacity=".7" font-family="sans-serif" '
            f'font-size="28">{_e(article.outlet.name)}</text></svg>')


def avatar_svg(slug: str) -> str:
    """A writer's avatar: initials on a colour of their own."""
    hue = int(hashlib.md5(slug.encode()).hexdigest()[:2], 16) * 360 // 256
    initials = "".join(part[:1] for part in slug.split("-")[:2]).upper() or "?"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
            f'<circle cx="48" cy="48" r="48" fill="hsl({hue},45%,40%)"/><text x="48" y="60" '
            f'text-anchor="middle" font-family="sans-serif" font-size="36" font-weight="700" '
            f'fill="#fff">{_e(initials)}</text></svg>')
