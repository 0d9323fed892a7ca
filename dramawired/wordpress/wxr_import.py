"""A WordPress export imported: the WXR reader's records, each made into ours.

Two passes over the file, both streamed: the first notes only the attachments (a post's
featured image and gallery name attachments that may come later in the file), the second
imports everything in file order: authors, categories and tags, then posts with their
comments, pages and attachments. Each old address is kept as a redirect."""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify

from dramawired.news.models import Author, Tag

from . import pages, threads
from .importing import Importer, ReadError, Skip
from .media import Media
from .models import SITE_LENGTH, ImportedItem
from .posts import PostWriter
from .redirects import Redirects, path_of
from .shortcodes import Image
from .sourcefile import Part
from .sources import SourcesByHost
from .terms import Terms
from .wxr import Author as WxrAuthor
from .wxr import ByteStream, Item, Site, Term, WxrError, read_wxr

# What a post is on the old site's front, besides posts and pages: nothing to import.
NOT_CONTENT = {"revision", "nav_menu_item", "customize_changeset", "custom_css",
               "oembed_cache", "user_request", "wp_block", "wp_template",
               "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family",
               "wp_font_face"}
PUBLIC = ("publish", "future")


@dataclass
class Attachment:
    url: str
    parent: int
    order: int
    alt: str
    caption: str


class WordPressImport(Importer):
    def __init__(self, parts: list[Part], *, terms: Terms, media: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.parts, self.terms = parts, terms
        self.site_key, self.site_link, self.base = "", "", ""
        self.redirects = Redirects(self.summary)
        self.media = Media(self.summary, self.redirects, download=media and not
                           self.summary.dry_run, hosts=set())
        self.sources = SourcesByHost(self.summary)
        self.posts = PostWriter(self)
        self.attachments: dict[int, Attachment] = {}
        self.children: dict[int, list[int]] = {}
        self.authors: dict[str, Author] = {}
        self.total = 2 * sum(p.size for p in parts)
        self.done = 0

    # --- reading ---------------------------------------------------------------------

    def records(self):
        for part in self.parts:
            self._note_attachments(part)
        for part in self.parts:
            stream = ByteStream(part.open())
            try:
                for record in read_wxr(stream):
                    self.progress(self.done + stream.position, self.total)
                    yield record
            except WxrError as exc:
                raise ReadError(f"{part.name}: {exc}") from exc
            finally:
                self.done += part.size
                stream.raw.close()

    def _note_attachments(self, part: Part) -> None:
        stream = ByteStream(part.open())
        try:
            for record in read_wxr(stream):
                if isinstance(record, Item) and record.post_type == "attachment":
                    url = record.attachment_url or record.guid
                    self.attachments[record.wp_id] = Attachment(
                        url, record.parent, record.menu_order,
                        record.meta.get("_wp_attachment_image_alt", ""), record.excerpt)
                    self.children.setdefault(record.parent, []).append(record.wp_id)
                self.progress(self.done + stream.position, self.total)
        except WxrError:
            pass  # the second pass meets the same break, and reports it
        finally:
            self.done += part.size
            stream.raw.close()

    def describe(self, record) -> str:
        if isinstance(record, Item):
            return f"{record.post_type} {record.wp_id} “{record.title[:80]}”"
        return type(record).__name__

    # --- what each record becomes ----------------------------------------------------

    def handle(self, record) -> None:
        if isinstance(record, Site):
            self._site(record)
        elif isinstance(record, WxrAuthor):
            self._author(record)
        elif isinstance(record, Term):
            self._term(record)
        elif isinstance(record, Item):
            self._item(record)

    def _site(self, site: Site) -> None:
        if self.site_key:
            return  # the next file of a WordPress.com archive: the same site
        link = site.base_blog_url or site.link or site.base_site_url
        self.site_key = (site.base_site_url or link or "unknown")[:SITE_LENGTH]
        self.site_link = link
        self.base = urlsplit(link).path.rstrip("/")
        self.media.hosts = {(urlsplit(u).hostname or "").lower() for u in
                            (site.link, site.base_site_url, site.base_blog_url)} - {""}

    def _author(self, wa: WxrAuthor) -> None:
        name = wa.display_name or f"{wa.first_name} {wa.last_name}".strip() or wa.login
        author = Author.for_name(name)
        if author is None:
            raise Skip("author without a name")
        self.authors[wa.login] = author
        self.summary.made["authors"] += 1
        self.redirects.add([f"{self.base}/author/{slugify(wa.login)}/"], author)

    def author_for(self, login: str) -> Author | None:
        if login and login not in self.authors:
            self.authors[login] = Author.for_name(login)
        return self.authors.get(login)

    def _term(self, term: Term) -> None:
        if term.taxonomy == "category":
            self.terms.add(term)
            ours, _ = self.terms.category(term.slug, term.name)
            self.summary.made["categories"] += 1
            path = self.terms.path(term.slug)
            self.redirects.add({f"{self.base}/category/{path}/",
                                f"{self.base}/category/{term.slug}/"}, ours)
        elif term.taxonomy == "post_tag":
            tags = Tag.for_names([term.name])
            if tags and not tags[0].blocked:
                self.summary.made["tags"] += 1
                self.redirects.add([f"{self.base}/tag/{term.slug}/"], tags[0])
        else:
            self.summary.skip(f"taxonomy {term.taxonomy!r}", term.name)

    def _item(self, item: Item) -> None:
        if not item.wp_id:
            raise Skip("item without a wp:post_id")
        if item.post_type in ("post", "page") and item.status in ("trash", "auto-draft",
                                                                 "inherit"):
            raise Skip(f"{item.post_type} status {item.status!r}")
        if item.post_type == "post":
            post = self.posts.save(item)
            threads.save_comments(self, post, item.comments)
            if item.status in PUBLIC:
                self.redirects.add(self._post_paths(item), post)
        elif item.post_type == "page":
            page = pages.save_page(self, item)
            if page.published:
                self.redirects.add([path_of(item.link), f"{self.base}/?page_id={item.wp_id}",
                                    f"{self.base}/?p={item.wp_id}"], page)
        elif item.post_type == "attachment":
            self._attachment(item)
        elif item.post_type in NOT_CONTENT:
            raise Skip(f"post type {item.post_type!r} (site machinery)")
        else:
            raise Skip(f"post type {item.post_type!r} (unknown)")

    def _post_paths(self, item: Item) -> list[str]:
        paths = [path_of(item.link)]
        if "?p=" in item.guid and urlsplit(item.guid).hostname in self.media.hosts:
            paths.append(path_of(item.guid))
        if slug := unquote(item.slug):
            day = item.local_date or (item.date.strftime("%Y-%m-%d") if item.date else "")
            if len(day) == 10:
                y, m, d = day.split("-")
                paths += [f"{self.base}/{y}/{m}/{d}/{slug}/",
                          f"{self.base}/{y}/{m}/{slug}/"]
            paths.append(f"{self.base}/{slug}/")
        return [*paths, f"{self.base}/?p={item.wp_id}"]

    def _attachment(self, item: Item) -> None:
        url = item.attachment_url or item.guid
        ours = self.media.local(url) if url else ""
        ImportedItem.objects.update_or_create(
            site=self.site_key, wp_id=item.wp_id,
            defaults={"post_type": "attachment", "wp_status": item.status,
                      "link": item.link[:2000], "file_url": url[:2000],
                      "local_url": ours if ours != url else ""})
        self.summary.made["attachments"] += 1
        if ours and ours != url:
            self.redirects.add([path_of(item.link),
                                f"{self.base}/?attachment_id={item.wp_id}"], ours)

    # --- what posts ask of the import --------------------------------------------------

    def attachment_url(self, wp_id: str) -> str:
        found = self.attachments.get(int(wp_id)) if wp_id.strip().isdigit() else None
        return found.url if found else ""

    def gallery(self, ids: list[int], post_id: int) -> list[Image]:
        if not ids:
            ids = sorted(self.children.get(post_id, []),
                         key=lambda i: (self.attachments[i].order, i))
        found = [self.attachments[i] for i in ids if i in self.attachments]
        # Old addresses: the body is rewritten to ours after it is sanitised.
        return [Image(a.url, a.alt, a.caption) for a in found if a.url]

    def finish(self) -> None:
        self.media.close()
        self.summary.made["categories created"] = len(self.terms.created)
