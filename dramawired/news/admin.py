from django.contrib import admin

from dramawired.adminforms import HTTPS_URLS

from . import tag_admin  # noqa: F401  (registers the Tag admin)
from .models import Author, Category, Post, Syndication


class SyndicationInline(admin.TabularInline):
    model = Syndication
    extra = 0
    fields = ["title", "url", "source", "found_at"]
    readonly_fields = fields
    verbose_name_plural = "Also reported by (duplicates linked to this post)"


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "category", "category_by", "source", "author", "status",
                    "published_at", "view_count", "share_count", "edited"]
    list_filter = ["status", "category", "category_by", "source", "edited"]
    search_fields = ["title", "original_url"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "author"]
    list_select_related = ["category", "source", "author"]
    readonly_fields = ["original_url", "guid", "source", "category_by", "fetched_at",
                       "updated_at", "fingerprint", "view_count", "share_count"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SyndicationInline]
    actions = ["publish", "hold_as_draft", "confirm_category"]

    def save_model(self, request, obj, form, change):
        # An editor's change is final: the pipeline stops overwriting this post.
        if change and form.changed_data:
            obj.edited = True
        # An editor's filing is what the category classifier learns from.
        if "category" in form.changed_data:
            obj.category_by = Post.FiledBy.EDITOR
        super().save_model(request, obj, form, change)

    @admin.action(description="Confirm category (teach the classifier)")
    def confirm_category(self, request, queryset):
        # Uncategorized confirmed teaches "none of these": a post with no category at
        # all teaches nothing.
        count = queryset.exclude(category=None).update(category_by=Post.FiledBy.EDITOR)
        self.message_user(request, f"Confirmed the category of {count} posts; the "
                                   "classifier learns from them when it is next trained.")

    @admin.action(description="Publish selected posts")
    def publish(self, request, queryset):
        queryset.update(status=Post.Status.PUBLISHED)

    @admin.action(description="Hold selected posts as drafts")
    def hold_as_draft(self, request, queryset):
        queryset.update(status=Post.Status.DRAFT)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "description"]
    list_editable = ["position"]
    fields = ["name", "slug", "position", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_form(self, request, obj=None, **kwargs):
        kwargs["help_texts"] = {"description": (
            "A sentence or two on what belongs here, shown on the category's page. It also "
            "teaches the classifier that files stories by what they are about, with the "
            "posts editors file here.")}
        return super().get_form(request, obj, **kwargs)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
