"""Posts as readers see them, and what they are filed under."""

from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from .links import slug_url

# Articles live at /<slug>/, beside the site's own pages: a post may not take their names.
RESERVED_SLUGS = {"admin", "category", "tag", "author", "search", "feed", "share", "e",
                  "static", "media", "accounts", "account", "shop", "page", "sitemap.xml",
                  "news-sitemap.xml", "robots.txt", "healthz", "api", "comments", "login",
                  "logout", "favicon.ico"}


def unique_slug(model, text: str, *, max_length: int = 200, exclude_pk=None) -> str:
    """A slug for `text` that no other row of `model` has: `title`, `title-2`, `title-3`…
    allow_unicode keeps CJK titles from collapsing to an empty slug."""
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "post"
    if base in RESERVED_SLUGS:
        base = f"{base}-news"
    # Asked for by name, a few names, then twice as many (up to 512) at a time: a prefix
    # match ("slug LIKE 'title%'") reads every post on SQLite, for every post published.
    first, count = 1, 8
    while True:
        names = [base if n == 1 else f"{base[: max_length - len(str(n)) - 1]}-{n}"
                 for n in range(first, first + count)]
        taken = set(model.objects.filter(slug__in=names).exclude(pk=exclude_pk)
                    .order_by().values_list("slug", flat=True))
        if free := [name for name in names if name not in taken]:
            return free[0]
        first, count = first + count, min(count * 2, 512)


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0, help_text="Order in menus; lower first.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("category", self.slug)


class Tag(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    blocked = models.BooleanField(
        default=False, help_text="Never given to a post by the tagger (nor brought back).")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("tag", self.slug)

    @staticmethod
    def slug_for(name: str) -> str:
        """A tag's identity: names that differ only in case or punctuation share it."""
        return slugify(name, allow_unicode=True)[:120]

    @classmethod
    def for_names(cls, names: list[str]) -> list["Tag"]:
        """Tags for these names, created as needed; names that differ only in case or
        punctuation share one tag (the slug is the identity)."""
        wanted = {}
        for name in names:
            if slug := cls.slug_for(name):
                wanted.setdefault(slug, name[:100])
        # Two queries for any number of tags: ignore_conflicts leaves a tag there is (or
        # that another worker creates at the same moment) as it is.
        cls.objects.bulk_create([cls(slug=slug, name=name) for slug, name in wanted.items()],
                                ignore_conflicts=True)
        by_slug = {t.slug: t for t in cls.objects.filter(slug__in=wanted)}
        return [by_slug[slug] for slug in wanted]


class TagAlias(models.Model):
    """Another name for a tag ("Warner Brothers" for "Warner Bros"), or the old name of a
    tag merged into it: the tagger files the alias under the tag, and /tag/<slug>/ of the
    alias redirects to the tag's page."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "tag aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.tag.name}"


class Author(models.Model):
    """The persona a post is published under."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    bio = models.TextField(blank=True)
    avatar = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("author", self.slug)

    @classmethod
    def for_name(cls, name: str) -> "Author | None":
        slug = slugify(name, allow_unicode=True)[:200]
        if not slug:
            return None
        author, _ = cls.objects.get_or_create(slug=slug, defaults={"name": name[:200]})
        return author


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())


class Post(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        DRAFT = "draft", "Draft"

    class FiledBy(models.TextChoices):
        """Which rule filed the post (categorize.py's order), or an editor."""

        RULE = "rule", "Source keyword rule"
        FEED = "feed", "Feed category"
        DEFAULT = "default", "Source default"
        CONTENT = "content", "Content (classifier)"
        EDITOR = "editor", "Editor"
        NONE = "", "Uncategorized (nothing decided)"

    title = models.CharField(max_length=500, help_text="Exactly as the publisher wrote it.")
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)
    excerpt = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Sanitised HTML.")
    lead_image = models.URLField(max_length=2000, blank=True)
    original_url = models.URLField(max_length=2000)
    # Cheap duplicate keys, hashed so long URLs and GUIDs index well on every database.
    url_key = models.CharField(max_length=64, unique=True)
    guid = models.CharField(max_length=2000, blank=True)
    guid_key = models.CharField(max_length=64, blank=True)
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    # What the category retraining job learns from: posts an editor filed or confirmed.
    category_by = models.CharField("category filed by", max_length=10, blank=True,
                                   choices=FiledBy.choices, default=FiledBy.NONE)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    # When we first published it (fetched_at moves when the publisher revises the story):
    # what the admin's Source health chart counts per day.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # The feed's own "updated" time: a later one means the publisher revised the story.
    source_updated_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    # 64-bit simhash of the story's words (hex): near-equal values mean the same story.
    fingerprint = models.CharField(max_length=16, blank=True, db_index=True)
    edited = models.BooleanField(
        default=False, help_text="Changed by an editor; the pipeline no longer overwrites it."
    )
    view_count = models.PositiveBigIntegerField(default=0)
    share_count = models.PositiveBigIntegerField(default=0)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "guid_key"],
                condition=~models.Q(guid_key=""),
                name="post_unique_guid_per_source",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # Archive pages: one category's or author's newest posts.
            models.Index(fields=["category", "status", "-published_at"]),
            models.Index(fields=["author", "status", "-published_at"]),
            models.Index(fields=["source", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("article", self.slug)


class Syndication(models.Model):
    """The same story met again, from another source or under another address: linked to
    the post that carries it instead of published twice. Its keys keep later polls from
    fetching that page again."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="syndications")
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000)
    url_key = models.CharField(max_length=64, unique=True)
    guid_key = models.CharField(max_length=64, blank=True, db_index=True)
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["found_at"]

    def __str__(self) -> str:
        return f"{self.title} (also at {self.url})"
