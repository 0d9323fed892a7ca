"""The pipeline's records, to look at: long jobs with their progress, the pages posts
were built from, the trained category classifiers. All are written by jobs, never by hand.
The Category admin gets its "Retrain the classifier now" button here: the job is the
pipeline's, and news never imports the pipeline."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from dramawired.news import admin as news_admin
from dramawired.news.models import Category

from . import jobs, source_admin  # noqa: F401  source_admin registers the Source admin
from .models import FetchedPage, JobRun, TrainedClassifier

log = logging.getLogger("dramawired.admin")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JobRun)
class JobRunAdmin(ReadOnly):
    list_display = ["name", "description", "state", "progress", "done_of_total", "created",
                    "started", "finished", "message"]
    list_filter = ["state", "name"]
    fields = ["name", "description", "state", "done", "total", "created", "started",
              "finished", "message"]
    readonly_fields = fields

    @admin.display(description="progress")
    def progress(self, obj: JobRun) -> str:
        return f"{obj.percent}%"

    @admin.display(description="done / total")
    def done_of_total(self, obj: JobRun) -> str:
        return f"{obj.done} / {obj.total}"


@admin.register(FetchedPage)
class FetchedPageAdmin(ReadOnly):
    # No HTML here: pages are kept compressed for re-extraction, not for reading.
    list_display = ["url", "post", "fetched_at"]
    list_select_related = ["post"]
    search_fields = ["url"]
    date_hierarchy = "fetched_at"
    fields = ["url", "post", "fetched_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        # A page deleted here could no longer be re-extracted; retention deletes them
        # with their posts.
        return False


@admin.register(TrainedClassifier)
class TrainedClassifierAdmin(ReadOnly):
    # No weights here: thousands of numbers, read by the pipeline, not by people.
    list_display = ["trained_at", "summary"]
    fields = ["trained_at", "summary", "digest"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("weights")


admin.site.unregister(Category)


@admin.register(Category)
class CategoryAdmin(news_admin.CategoryAdmin):
    change_list_template = "admin/news/category/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("retrain/", wrap(require_POST(self.retrain_view)),
                     name="news_category_retrain")] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        latest = TrainedClassifier.objects.defer("weights").first()
        summary = (f"the classifier trained {latest.trained_at:%Y-%m-%d %H:%M} learnt from "
                   f"{latest.summary}." if latest else "no classifier trained yet (the "
                   "first poll trains one).")
        return super().changelist_view(request, {
            **(extra_context or {}), "classifier_summary": summary,
            "can_retrain": self.has_change_permission(request)})

    def retrain_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            jobs.start_retrain()
        except Exception as exc:
            log.warning("could not queue: %s", exc)
            self.message_user(request, f"The job queue does not answer, nothing was queued: "
                                       f"{type(exc).__name__}: {exc}"[:300], messages.ERROR)
        else:
            self.message_user(request, format_html(
                "Retraining the classifier; <a href=\"{}\">Jobs</a> show when it is done.",
                reverse("admin:pipeline_jobrun_changelist")), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:news_category_changelist"))
