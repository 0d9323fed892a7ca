from django.contrib import admin

from dramawired.adminforms import HTTPS_URLS

from .models import MenuItem, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["label", "category", "url", "position"]
    list_editable = ["position"]
