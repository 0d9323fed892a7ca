"""`make demo`'s shop: the demo publishers' product feeds registered (the worker refreshes
them as it polls news) and imported now, and shipping and tax to check out with."""

from decimal import Decimal

from .feeds.refresh import refresh
from .models import ProductFeed, ShippingMethod, TaxRate

FEEDS = [  # name, path at the demo publishers, kind, merchant
    ("DramaWired merch", "/merch/own.xml", "own", ""),
    ("Groove Records", "/merch/affiliate/groove-records.xml", "affiliate", "Groove Records"),
    ("Backlot Video", "/merch/affiliate/backlot-video.xml", "affiliate", "Backlot Video"),
]


def setup(base_url: str) -> list[str]:
    """One line per feed: its name and what its import did."""
    if not ShippingMethod.objects.exists():
        ShippingMethod.objects.create(name="Standard (US)", countries="US",
                                      rate=Decimal("5.00"), free_over=Decimal("75.00"))
        ShippingMethod.objects.create(name="Express (US)", countries="US", rate=Decimal("15.00"),
                                      position=1)
        ShippingMethod.objects.create(name="International", rate=Decimal("18.00"), position=2)
    if not TaxRate.objects.exists():
        TaxRate.objects.create(name="Sales tax (demo)", country="US", percent=Decimal("7.25"))
    lines = []
    for name, path, kind, merchant in FEEDS:
        feed, _ = ProductFeed.objects.update_or_create(
            name=name, defaults={"url": base_url + path, "kind": kind, "merchant": merchant,
                                 "interval": 60})
        report = refresh(feed)
        lines.append(f"{name}: {report.summary if report else feed.last_error}")
    return lines
