"""Editors steer stories: see a story's posts, split one out, merge stories, pin or hide a
story from Top stories. What an editor does locks the story against the regrouping job."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from .models import Story, StoryPost
from .repair import merge, split


class StoryPostInline(admin.TabularInline):
    model = StoryPost
    fields = ("post", "outlet", "published", "score", "by_editor")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("post__published_at",)

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="outlet")
    def outlet(self, link):
        return link.post.source.name if link.post.source_id else "—"

    @admin.display(description="published")
    def published(self, link):
        return link.post.published_at


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet_count", "post_count", "last_published_at", "pinned",
                    "hidden", "locked")
    list_editable = ("pinned", "hidden")
    list_filter = ("pinned", "hidden", "locked")
    search_fields = ("title",)
    fields = ("title", "lead", "pinned", "hidden", "locked", "posts_link",
              "first_published_at", "last_published_at", "post_count", "outlet_count")
    readonly_fields = ("lead", "posts_link", "first_published_at", "last_published_at",
                       "post_count", "outlet_count")
    inlines = [StoryPostInline]
    actions = ["merge_stories"]

    @admin.display(description="posts")
    def posts_link(self, story):
        url = reverse("admin:stories_storypost_changelist") + f"?story__id__exact={story.pk}"
        return format_html('<a href="{}">Split a post out…</a>', url)

    @admin.action(description="Merge the selected stories into the oldest")
    def merge_stories(self, request, queryset):
        stories = list(queryset.order_by("first_published_at", "pk"))
        if len(stories) < 2:
            self.message_user(request, "Choose two stories or more.", messages.WARNING)
            return
        for story in stories[1:]:
            merge(story, into=stories[0], by_editor=True)
        self.message_user(request, f"Merged {len(stories) - 1} into “{stories[0].title}”.")


@admin.register(StoryPost)
class StoryPostAdmin(admin.ModelAdmin):
    list_display = ("post", "story", "score", "by_editor", "joined_at")
    list_filter = ("by_editor",)
    list_select_related = ("post", "story")
    search_fields = ("post__title", "story__title")
    raw_id_fields = ("post", "story")
    actions = ["split_out"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Split out into a story of its own")
    def split_out(self, request, queryset):
        for link in queryset.select_related("story", "post"):
            split(link)
        self.message_user(request, f"Split {queryset.count()} post(s) out.")
