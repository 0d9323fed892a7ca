from django.contrib import admin, messages
from django.db import models
from django.utils.text import Truncator

from .models import Source

# A scheme-less address typed by an editor is https (Django 6 behaviour).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "kind", "default_category", "enabled", "publish_as",
                    "last_success", "consecutive_failures", "short_error", "next_attempt"]
    list_filter = ["enabled", "kind", "publish_as", "default_category"]
    search_fields = ["name", "feed_url", "site_url"]
    readonly_fields = ["etag", "last_modified", "last_success", "last_error", "last_error_at",
                       "consecutive_failures", "next_attempt", "created"]
    actions = ["poll_now", "reset_backoff"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "site_url", "feed_url", "enabled"]}),
        ("Publishing", {"fields": ["default_category", "category_rules", "author",
                                   "publish_as", "full_text", "poll_interval"]}),
        ("Filters", {"fields": ["include_keywords", "exclude_keywords"]}),
        ("Health", {"fields": ["last_success", "last_error", "last_error_at",
                               "consecutive_failures", "next_attempt", "etag",
                               "last_modified", "created"]}),
    ]

    @admin.display(description="last error")
    def short_error(self, obj: Source) -> str:
        return Truncator(obj.last_error).chars(60)

    @admin.action(description="Poll selected sources now")
    def poll_now(self, request, queryset):
        from dramawired.pipeline.run import ingest

        for report in ingest(queryset, force=True):
            level = messages.ERROR if report.error else messages.SUCCESS
            self.message_user(request, (
                f"{report.source}: {report.new} new, {report.updated} updated, "
                f"{report.duplicates} duplicates, {report.filtered} filtered, "
                f"{report.failed} failed" + (f" — {report.error}" if report.error else "")
            ), level)

    @admin.action(description="Reset backoff (poll at the next run)")
    def reset_backoff(self, request, queryset):
        for source in queryset:
            source.reset_backoff()
        self.message_user(request, f"Reset {queryset.count()} sources.")
