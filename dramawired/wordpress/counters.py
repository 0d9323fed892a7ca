"""View and share counts a theme or plugin kept in post meta."""

# Post Views Counter / most themes' "post_views_count", WP-PostViews' "views"; the JNews
# view counter keeps its counts in a table of its own (not in an export), its share bar
# the total in "jnews_social_counter_total".
VIEW_META = ("post_views_count", "views", "wpb_post_views_count", "jnews_views_count")
SHARE_META = ("jnews_social_counter_total", "share_count", "essb_c_total")


def _number(meta: dict[str, str], keys: tuple[str, ...]) -> int:
    for key in keys:
        value = (meta.get(key) or "").strip().replace(",", "")
        if value.isdigit():
            return int(value)
    return 0


def views(meta: dict[str, str]) -> int:
    return _number(meta, VIEW_META)


def shares(meta: dict[str, str]) -> int:
    return _number(meta, SHARE_META)
