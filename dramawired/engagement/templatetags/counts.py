from django import template

from dramawired.engagement.humanize import compact

register = template.Library()
register.filter("compact", compact)
