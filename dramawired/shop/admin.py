"""The catalog in the admin. What an editor changes on an imported product is remembered
(Product.edited, Variant.edited) so the next import of its feed leaves it alone."""

from django.contrib import admin
from django.db import models

from .models import Brand, Collection, Product, ProductFeed, ProductImage, StorePage, Variant

# Fields a feed sets: an editor's change to one of these is kept through re-imports.
FEED_FIELDS = {"title", "description", "brand", "affiliate_url", "merchant",
               "sku", "size", "colour", "price", "compare_at_price", "stock", "available",
               "image_url", "published"}


# An address typed without a scheme is taken as https (Django 6's default, asked for now).
HTTPS = {models.URLField: {"assume_scheme": "https"}}


def remember_edits(obj, changed: list[str]) -> None:
    if obj.pk:
        obj.edited = sorted(set(obj.edited) | (set(changed) & FEED_FIELDS))


class VariantInline(admin.TabularInline):
    model = Variant
    formfield_overrides = HTTPS
    extra = 0
    fields = ["sku", "size", "colour", "price", "compare_at_price", "stock", "available",
              "image_url", "position"]


class ImageInline(admin.TabularInline):
    model = ProductImage
    formfield_overrides = HTTPS
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS
    list_display = ["title", "kind", "price", "currency", "in_stock", "published", "brand",
                    "click_count", "feed"]
    list_filter = ["kind", "published", "in_stock", "collections", "brand", "feed"]
    search_fields = ["title", "slug", "variants__sku", "story_names"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["collections"]
    readonly_fields = ["price", "compare_at_price", "in_stock", "click_count", "external_id",
                       "edited"]
    inlines = [VariantInline, ImageInline]

    def save_model(self, request, obj, form, change):
        remember_edits(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Variant:
            for inline in formset.forms:
                if inline.instance.pk and inline.has_changed():
                    remember_edits(inline.instance, inline.changed_data)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_summary()


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProductFeed)
class ProductFeedAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS
    list_display = ["name", "url", "kind", "enabled", "interval", "last_run", "last_summary"]
    readonly_fields = ["last_run", "last_summary", "last_error", "next_attempt"]
    actions = ["refresh_now"]

    @admin.action(description="Refresh the selected feeds now (the worker imports them)")
    def refresh_now(self, request, queryset):
        from .jobs import refresh_product_feed

        for feed in queryset:
            refresh_product_feed(feed.pk)
        self.message_user(request, f"{queryset.count()} feeds queued.")


@admin.register(StorePage)
class StorePageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position"]
    prepopulated_fields = {"slug": ["title"]}


admin.site.register(Brand)
