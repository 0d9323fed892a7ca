from django.contrib import admin
from django.utils.text import Truncator

from dramawired.adminforms import HTTPS_URLS

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "excerpt", "post", "status", "created_at", "email", "ip_address"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "body", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["post"]
    raw_id_fields = ["post", "parent", "user"]
    readonly_fields = ["depth", "created_at", "ip_address", "user_agent"]
    actions = ["approve", "unapprove", "mark_spam"]

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80)

    def _moderate(self, request, queryset, status: str, done: str) -> None:
        changed = queryset.set_status(status)
        self.message_user(request, f"{changed} comment{'s' if changed != 1 else ''} {done}.")

    @admin.action(description="Approve selected comments")
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Unapprove selected comments (back to moderation)")
    def unapprove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.PENDING, "sent back to moderation")

    @admin.action(description="Mark selected comments as spam")
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")
