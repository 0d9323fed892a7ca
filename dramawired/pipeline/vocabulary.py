"""The site's tag vocabulary applied to the tagger's names, as a post is published.

Editors own the vocabulary: an alias files its name under the tag it names ("Warner
Brothers" is "Warner Bros"), a blocked tag is never given (nor brought back by a later
poll), and a name the site already has keeps the site's spelling. Two queries look up the
candidates' slugs; the tagger's spare candidates are asked for only when the vocabulary
took some of its choices away.
"""

from collections.abc import Callable

from django.db.models import Q

from dramawired.news.models import Tag, TagAlias

from .items import Article
from .tag import MAX_TAGS, MIN_TAGS, pick_tags

SPARES = 4  # candidates after the tagger's choice, for blocked or merged ones


def _lookup(names: list[str]) -> dict[str, Tag]:
    """The site's tag for each of these slugs that it knows, by name or by alias."""
    slugs = {Tag.slug_for(n) for n in names} - {""}
    aliases = dict(TagAlias.objects.filter(slug__in=slugs).values_list("slug", "tag_id"))
    tags = list(Tag.objects.filter(Q(slug__in=slugs) | Q(pk__in=aliases.values())))
    by_pk = {t.pk: t for t in tags}
    known = {t.slug: t for t in tags if t.slug in slugs}
    known.update({slug: by_pk[pk] for slug, pk in aliases.items() if pk in by_pk})
    return known


def choose(names: list[str], *,
           more: Callable[[], list[str]] | None = None) -> list[Tag | str]:
    """The tagger's names as the site files them, best first: as many as it chose (3 to
    8), the site's own tag where it has one, none blocked; a name new to the site stays a
    name (nothing is written)."""
    want = min(MAX_TAGS, max(len(names), MIN_TAGS if more else 0))
    chosen: list[Tag | str] = []
    seen: set[str] = set()

    def take(candidates: list[str], known_first: bool = False) -> None:
        known = _lookup(candidates)
        if known_first:  # among spares, the names the site already has
            candidates = sorted(candidates, key=lambda n: Tag.slug_for(n) not in known)
        for name in candidates:
            slug = Tag.slug_for(name)
            tag = known.get(slug)
            key = tag.slug if tag else slug
            if not slug or key in seen or (tag and tag.blocked) or len(chosen) >= want:
                continue
            seen.add(key)
            chosen.append(tag or name)

    take(names)
    if len(chosen) < want and more is not None:
        take([n for n in more() if Tag.slug_for(n) not in seen], known_first=True)
    return chosen


def resolve(names: list[str], *, more: Callable[[], list[str]] | None = None) -> list[Tag]:
    """choose(), with the names new to the site made tags."""
    return made(choose(names, more=more))


def made(chosen: list[Tag | str]) -> list[Tag]:
    """choose()'s answer as tags: a name new to the site becomes a new tag."""
    new = [c for c in chosen if isinstance(c, str)]
    created = {t.slug: t for t in Tag.for_names(new)} if new else {}
    return [c if isinstance(c, Tag) else created[Tag.slug_for(c)] for c in chosen]


def article_tags(article: Article) -> list[Tag]:
    """The publish stage's tags for an article: its tagger's names, resolved."""
    return resolve(article.tags, more=lambda: pick_tags(article.title, article.text,
                                                        spares=SPARES))
