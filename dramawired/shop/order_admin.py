"""Orders in the admin: filtered by status, refunded through their provider, exported as
CSV, shipped with a tracking number (the buyer is mailed it); shipping zones and taxes."""

import csv

from django.contrib import admin, messages
from django.http import HttpResponse

from . import payments
from .models import Order, OrderLine, ShippingMethod, TaxRate
from .orders import refund, ship

CSV_FIELDS = ["number", "created_at", "status", "test", "email", "name", "address",
              "address2", "city", "postcode", "country", "shipping_method", "currency",
              "subtotal", "shipping", "tax", "total", "provider", "payment_ref",
              "tracking_number", "note"]


class LineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = ["title", "variant_label", "sku", "unit_price", "quantity", "line_total"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "status", "name", "email", "total", "currency",
                    "test", "tracking_number"]
    list_filter = ["status", "test", "provider", "created_at"]
    search_fields = ["number", "email", "name", "tracking_number", "lines__sku"]
    readonly_fields = [f for f in CSV_FIELDS if f not in ("tracking_number", "note")] + [
        "user", "provider_ref", "paid_at", "shipped_at"]
    inlines = [LineInline]
    actions = ["refund_orders", "cancel_unpaid", "export_csv"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "tracking_number" in form.changed_data and obj.tracking_number and \
                ship(obj, obj.tracking_number):
            messages.success(request, f"{obj} shipped; the buyer is mailed the tracking number.")

    @admin.action(description="Refund the selected orders through their provider")
    def refund_orders(self, request, queryset):
        done = 0
        for order in queryset.filter(status__in=[Order.Status.PAID, Order.Status.SHIPPED]):
            try:
                refund(order)
                done += 1
            except payments.PaymentError as exc:
                messages.error(request, f"{order}: {exc}")
        messages.success(request, f"{done} orders refunded.")

    @admin.action(description="Cancel the selected unpaid orders")
    def cancel_unpaid(self, request, queryset):
        done = queryset.filter(status=Order.Status.PENDING).update(
            status=Order.Status.CANCELLED, note="cancelled by staff before payment")
        messages.success(request, f"{done} unpaid orders cancelled.")

    @admin.action(description="Export the selected orders as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="orders.csv"'
        writer = csv.writer(response)
        writer.writerow([*CSV_FIELDS, "lines"])
        for order in queryset.prefetch_related("lines"):
            lines = "; ".join(f"{line.quantity} x {line.sku}" for line in order.lines.all())
            writer.writerow([*(_cell(getattr(order, f)) for f in CSV_FIELDS), lines])
        return response


def _cell(value) -> str:
    """A spreadsheet never runs a buyer's text as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    list_display = ["name", "countries", "rate", "free_over", "position"]


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "percent"]
