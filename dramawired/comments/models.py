"""Reader comments: one table, threaded by a parent link, moderated by a status."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from . import text

# Three levels (a comment, a reply, a reply to the reply): deeper threads get too narrow
# on a phone. A reply to a comment at the last level joins that comment's own thread.
MAX_DEPTH = 3
MAX_BODY = 10_000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def known(self, *, email: str = "", user=None) -> bool:
        """Has this reader an approved comment already (by account, or a guest's email)?"""
        if user is not None:
            return self.approved().filter(user=user).exists()
        return bool(email) and self.approved().filter(email__iexact=email).exists()

    def set_status(self, status: str) -> int:
        """Moderate many at once (an UPDATE sends no signals: the pages are dropped here)."""
        from dramawired.news.generations import bump_post

        slugs = set(self.values_list("post__slug", flat=True))
        changed = self.update(status=status)
        for slug in slugs:
            bump_post(slug)
        return changed


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"

    post = models.ForeignKey("news.Post", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    depth = models.PositiveSmallIntegerField(default=0, editable=False,
                                             help_text="0 for a comment, 1 for a reply…")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="comments")
    # Copied from the account for logged-in readers: the comment keeps its signature.
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, help_text="Never shown on the site.")
    website = models.URLField(max_length=200, blank=True)
    body = models.TextField(max_length=MAX_BODY, help_text="Plain text, as typed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["post", "status", "created_at"]),
                   models.Index(fields=["email", "status"])]

    def __str__(self) -> str:
        return f"{self.name} on {self.post_id}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        if self.parent_id:
            parent = self.parent
            if parent.post_id != self.post_id:
                raise ValueError("a reply belongs to its parent's post")
            if parent.depth >= MAX_DEPTH - 1:  # the deepest allowed ancestor
                parent = parent.parent
            self.parent, self.depth = parent, parent.depth + 1
        else:
            self.depth = 0
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the page showed before this change: see signals.py.
        if "status" in field_names:
            instance.saved_status = values[field_names.index("status")]
        return instance

    @property
    def body_html(self) -> str:
        return text.render(self.body)
