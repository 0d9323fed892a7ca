"""Known automated clients, which never count as readers. Substrings of the User-Agent,
lower case (the crawlers' documented agents, plus generic words and HTTP libraries)."""

BOT_MARKERS = (
    "bot", "crawl", "spider", "slurp", "bingpreview", "facebookexternalhit", "embedly",
    "headlesschrome", "phantomjs", "lighthouse", "pingdom", "uptime", "monitor",
    "python-requests", "python-httpx", "httpx", "aiohttp", "curl/", "wget/", "go-http-client",
    "okhttp", "java/", "libwww", "scrapy", "feedfetcher", "feedparser", "preview",
    "whatsapp", "telegram", "discord", "skype", "wrk", "apachebench", "siege",
)


def is_bot(user_agent: str) -> bool:
    ua = (user_agent or "").lower()
    return not ua or any(marker in ua for marker in BOT_MARKERS)
