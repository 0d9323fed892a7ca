"""The worker's shop jobs (huey, registered as the pipeline's are: imported by the app):
every minute, refresh the product feeds whose time has come; every hour, cancel orders
left unpaid for a day (a Stripe Checkout session expires after 24 hours)."""

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .feeds.refresh import claim_due, refresh
from .models import Order, ProductFeed

UNPAID_FOR = timedelta(days=1)


@db_periodic_task(crontab(minute="*"))
def dispatch_product_feeds():
    for feed_id, token in claim_due():
        refresh_product_feed(feed_id, token)


@db_task()
def refresh_product_feed(feed_id: int, token: str = ""):
    if (feed := ProductFeed.objects.filter(pk=feed_id).first()) is not None:
        refresh(feed, token)


@db_periodic_task(crontab(minute="23"))
def cancel_unpaid_orders() -> int:
    return Order.objects.filter(status=Order.Status.PENDING,
                                created_at__lt=timezone.now() - UNPAID_FOR).update(
        status=Order.Status.CANCELLED, note="not paid within a day")
