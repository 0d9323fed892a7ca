from django.contrib import admin

from .models import OldAddress, SitePage, address_key


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("url", "title", "published", "updated_at")
    list_filter = ("published",)
    search_fields = ("url", "title")


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    """The old site's addresses and where they lead (kept by the WordPress import)."""

    list_display = ("path", "target")
    search_fields = ("path",)
    raw_id_fields = ("post", "category", "tag", "author", "page")
    readonly_fields = ("key",)

    def save_model(self, request, obj, form, change):
        obj.key = address_key(obj.path)
        super().save_model(request, obj, form, change)
