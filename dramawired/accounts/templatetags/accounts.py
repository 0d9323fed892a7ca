from datetime import timedelta

from django import template
from django.utils.timesince import timeuntil
from django.utils.timezone import now

register = template.Library()


@register.filter
def span(delta: timedelta) -> str:
    """A wait as a reader says it: "1 hour", "30 minutes"."""
    start = now()
    return timeuntil(start + delta, start)
