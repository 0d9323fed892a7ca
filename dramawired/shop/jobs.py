"""The worker's shop jobs (huey, registered as the pipeline's are: imported by the app):
every minute, refresh the product feeds whose time has come."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .feeds.refresh import claim_due, refresh
from .models import ProductFeed


@db_periodic_task(crontab(minute="*"))
def dispatch_product_feeds():
    for feed_id, token in claim_due():
        refresh_product_feed(feed_id, token)


@db_task()
def refresh_product_feed(feed_id: int, token: str = ""):
    if (feed := ProductFeed.objects.filter(pk=feed_id).first()) is not None:
        refresh(feed, token)
