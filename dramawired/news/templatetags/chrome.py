"""{% chrome "name" value… %}…{% endchrome %}: a part of the page every reader without an
account sees alike (the head's links, the header, the footer), drawn once per layout
generation (news/generations.py: site settings, menu, names) and the values given, and
kept in this process.

Those parts cost about 0.7 ms of every page drawn (a dozen reverse() and static() calls,
the menu); kept, they cost a dictionary lookup, and the layout's generation is read once
per request. The inside must depend on nothing but the layout and the values given: a
reader with an account has a header of their own and is drawn it every time."""

from django import template
from django.utils.safestring import mark_safe

from dramawired.news.generations import LAYOUT_KEY, generations

register = template.Library()
MEMO_SIZE = 256  # parts kept; cleared when full (a few per menu item and page kind)
_memo: dict[tuple, str] = {}


def _layout(request) -> str:
    if request is None:
        return generations([LAYOUT_KEY])
    if not hasattr(request, "_dw_layout"):
        request._dw_layout = generations([LAYOUT_KEY])
    return request._dw_layout


class ChromeNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        key = (self.name.resolve(context), _layout(context.get("request")),
               *(str(v.resolve(context)) for v in self.values))
        if (html := _memo.get(key)) is None:
            if len(_memo) >= MEMO_SIZE:
                _memo.clear()
            html = _memo[key] = self.nodelist.render(context)
        return mark_safe(html)


@register.tag
def chrome(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% chrome %} needs a name")
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(nodelist, parser.compile_filter(bits[1]),
                      [parser.compile_filter(bit) for bit in bits[2:]])
