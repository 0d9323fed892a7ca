"""The pipeline's records, to look at: long jobs with their progress, and the pages posts
were built from. Both are written by jobs, never by hand."""

from django.contrib import admin

from . import source_admin  # noqa: F401  registers the Source admin
from .models import FetchedPage, JobRun


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
