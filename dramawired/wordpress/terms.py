"""The old site's categories and tags as ours.

A category is mapped by the editor's map file first (`Old name => Ours`, by name, slug or
path "Parent/Child"), then onto one of our categories of the same name, trying the
category itself, then its parent, then the parent's parent; a category none of that finds
is created (or, as the editor chooses, sent to Uncategorized). Tags are the site's tags of
the same name (a blocked tag stays off)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.text import slugify

from dramawired.news.models import Category, Tag, unique_slug
from dramawired.pipeline.categorize import UNCATEGORIZED
from dramawired.pipeline.publish import category_for

from .wxr import ItemTerm, Term

# Yoast SEO's "primary category" (a term id): the one a post is filed under when it has
# several.
PRIMARY_META = "_yoast_wpseo_primary_category"


def read_map(path: str | None) -> dict[str, str]:
    """`Old => Ours` lines (blank lines and # comments ignored), keys lower-cased."""
    if not path:
        return {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CommandError(f"cannot read the category map {path}: {exc.strerror}") from exc
    found = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        old, sep, ours = line.partition("=>")
        if not sep or not old.strip() or not ours.strip():
            raise CommandError(f"{path}:{number}: want `Old category => Our category`")
        found[" ".join(old.replace(">", "/").split()).lower().replace(" / ", "/")] = \
            ours.strip()
    return found


class Terms:
    def __init__(self, mapping: dict[str, str], create: bool = True):
        self.mapping, self.create = mapping, create
        self.declared: dict[tuple[str, str], Term] = {}  # (taxonomy, slug)
        self.by_id: dict[int, Term] = {}
        self._categories: dict[str, tuple[Category, bool]] = {}  # slug -> ours, mapped?
        self.created: list[str] = []

    def add(self, term: Term) -> None:
        self.declared[(term.taxonomy, term.slug)] = term
        if term.wp_id:
            self.by_id[term.wp_id] = term

    def chain(self, slug: str) -> list[Term]:
        """The category and its ancestors, nearest first."""
        found, seen = [], set()
        while (term := self.declared.get(("category", slug))) and slug not in seen:
            seen.add(slug)
            found.append(term)
            slug = term.parent
        return found

    def path(self, slug: str) -> str:
        """"parent/child" slugs: the category's address on the old site."""
        return "/".join(t.slug for t in reversed(self.chain(slug))) or slug

    def _mapped(self, term: Term) -> str:
        names = "/".join(t.name for t in reversed(self.chain(term.slug))).lower()
        for key in (term.slug.lower(), term.name.lower(), self.path(term.slug).lower(), names):
            if key in self.mapping:
                return self.mapping[key]
        return ""

    def category(self, slug: str, name: str = "") -> tuple[Category, bool]:
        """Our category for the old one (and whether it is one an editor chose, not
        Uncategorized)."""
        if slug not in self._categories:
            if ("category", slug) not in self.declared:  # WXR 1.0 declares none
                self.add(Term("category", slug, name or slug))
            self._categories[slug] = self._resolve(self.declared[("category", slug)])
        return self._categories[slug]

    def _resolve(self, term: Term) -> tuple[Category, bool]:
        for each in self.chain(term.slug) or [term]:
            if wanted := self._mapped(each):
                ours = category_for(wanted)
                if ours.name.lower() != wanted.lower() and wanted.lower() != "uncategorized":
                    ours = self._make(wanted, "")
                return ours, ours.name != UNCATEGORIZED
            if found := Category.objects.filter(name__iexact=each.name).first():
                return found, found.name != UNCATEGORIZED
        if term.name.lower() == "uncategorized" or not self.create:
            return category_for(UNCATEGORIZED), False
        return self._make(term.name, term.description), True

    def _make(self, name: str, description: str) -> Category:
        found = Category.objects.filter(name__iexact=name).first()
        if found is None:
            found = Category.objects.create(
                name=name[:100], slug=unique_slug(Category, slugify(name), max_length=100),
                description=description)
            self.created.append(found.name)
        return found

    def for_item(self, terms: list[ItemTerm], meta: dict[str, str]) -> tuple[Category, bool]:
        """The post's one category: Yoast's primary, else its first that is not
        Uncategorized, else Uncategorized."""
        cats = [t for t in terms if t.domain == "category"]
        primary = self.by_id.get(int(meta.get(PRIMARY_META) or 0)
                                 if (meta.get(PRIMARY_META) or "").isdigit() else 0)
        if primary is not None:
            cats.sort(key=lambda t: t.slug != primary.slug)
        fallback = None
        for term in cats:
            ours, chosen = self.category(term.slug or slugify(term.name), term.name)
            if chosen:
                return ours, True
            fallback = fallback or ours
        return fallback or category_for(UNCATEGORIZED), False

    @staticmethod
    def tags(terms: list[ItemTerm]) -> list[Tag]:
        names = [t.name for t in terms if t.domain == "post_tag" and t.name]
        return [t for t in Tag.for_names(names) if not t.blocked]
