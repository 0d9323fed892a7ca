"""The Source admin: the list with its "poll now" and "re-extract" actions, and the Source
health page with the queue depth and long jobs. It lives in the pipeline because those
queue pipeline jobs (sources never imports the pipeline); its URL names and templates
follow the model's app label, so they stay admin:sources_source_* and admin/sources/."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from dramawired.adminforms import HTTPS_URLS
from dramawired.sources.health import BAR_WIDTH, CHART_HEIGHT, CHART_WIDTH, DAYS, source_health
from dramawired.sources.models import Source

from . import jobs
from .models import JobRun

log = logging.getLogger("dramawired.admin")

RECENT_JOBS = 10  # long jobs shown on the health page, newest first


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "kind", "default_category", "enabled", "publish_as",
                    "last_success", "consecutive_failures", "short_error", "next_attempt"]
    list_filter = ["enabled", "kind", "publish_as", "default_category"]
    search_fields = ["name", "feed_url", "site_url"]
    readonly_fields = ["etag", "last_modified", "last_success", "last_error", "last_error_at",
                       "consecutive_failures", "next_attempt", "created"]
    actions = ["poll_now", "reset_backoff", "reextract"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "site_url", "feed_url", "enabled"]}),
        ("Publishing", {"fields": ["default_category", "category_rules", "author",
                                   "publish_as", "full_text", "poll_interval"]}),
        ("Filters", {"fields": ["include_keywords", "exclude_keywords"]}),
        ("Extraction rules", {
            "fields": ["story_selector", "drop_selectors"],
            "description": "For article pages whose story comes out with too much or too "
                           "little. Outbrain and Taboola widgets, share bars and related-post "
                           "lists are dropped on every site already. A change applies to "
                           "new items; “Re-extract stored pages” applies it to stored ones.",
        }),
        ("Health", {"fields": ["last_success", "last_error", "last_error_at",
                               "consecutive_failures", "next_attempt", "etag",
                               "last_modified", "created"]}),
    ]

    @admin.display(description="last error")
    def short_error(self, obj: Source) -> str:
        return Truncator(obj.last_error).chars(60)

    # --- Actions on the change list ------------------------------------------------------

    @admin.action(description="Poll selected sources now")
    def poll_now(self, request, queryset):
        # Queued, not run here: a poll can take a minute (page fetches, a slow publisher)
        # and a worker already holds the HTTP client and per-host limits.
        ids = list(queryset.values_list("pk", flat=True))
        try:
            for pk in ids:
                jobs.poll_source(pk)
        except Exception as exc:
            return self._queue_down(request, exc)
        self.message_user(request, f"Queued {len(ids)} sources; a worker polls them within "
                                   "seconds.", messages.SUCCESS)

    @admin.action(description="Reset backoff (poll at the next run)")
    def reset_backoff(self, request, queryset):
        for source in queryset:
            source.reset_backoff()
        self.message_user(request, f"Reset {queryset.count()} sources.")

    @admin.action(description="Re-extract stored pages of selected sources")
    def reextract(self, request, queryset):
        try:
            started = [jobs.start_reprocess(source) for source in queryset]
        except Exception as exc:
            return self._queue_down(request, exc)
        self.message_user(request, format_html(
            "Started {} re-extract jobs; <a href=\"{}\">Source health</a> shows their "
            "progress.", len(started), reverse("admin:sources_source_health")),
            messages.SUCCESS)

    # --- The Source health page ----------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        # Before the default ones: "<path:object_id>/" would take "health/" otherwise.
        return [
            path("health/", wrap(self.health_view), name="sources_source_health"),
            path("health/<int:pk>/poll/", wrap(require_POST(self.poll_one_view)),
                 name="sources_source_health_poll"),
            path("health/<int:pk>/reset/", wrap(require_POST(self.reset_one_view)),
                 name="sources_source_health_reset"),
        ] + super().get_urls()

    def health_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queue, queue_error = jobs.queue_depth(), ""
        except Exception as exc:  # the page is most needed when the queue is down
            log.warning("queue depth unavailable: %s", exc)
            queue, queue_error = None, f"{type(exc).__name__}: {exc}"[:200]
        now = timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "title": "Source health",
            "opts": self.opts,
            "now": now,
            "rows": source_health(now),
            "chart": {"days": DAYS, "width": CHART_WIDTH, "height": CHART_HEIGHT,
                      "bar_width": BAR_WIDTH},
            "queue": queue,
            "queue_error": queue_error,
            "jobs": JobRun.objects.all()[:RECENT_JOBS],
            "can_change": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/sources/source/health.html", context)

    def poll_one_view(self, request, pk):
        source = self._source_to_change(request, pk)
        try:
            jobs.poll_source(source.pk)
        except Exception as exc:
            self._queue_down(request, exc)
        else:
            self.message_user(request, f"{source}: poll queued; a worker polls it within "
                                       "seconds.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:sources_source_health"))

    def reset_one_view(self, request, pk):
        source = self._source_to_change(request, pk)
        source.reset_backoff()
        self.message_user(request, f"{source}: backoff reset; it is polled at the next run.",
                          messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:sources_source_health"))

    def _queue_down(self, request, exc: Exception) -> None:
        log.warning("could not queue: %s", exc)
        self.message_user(request, f"The job queue does not answer, nothing was queued: "
                                   f"{type(exc).__name__}: {exc}"[:300], messages.ERROR)

    def _source_to_change(self, request, pk) -> Source:
        source = get_object_or_404(Source, pk=pk)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        return source
