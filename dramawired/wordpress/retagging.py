"""--retag: the imported posts filed and tagged by our own stages (`dramawired retag`'s
code, over this site's imported posts only): an autoblog's tag per title word ("640M",
"HONG", "Set") gives way to the names the story is about."""

from dramawired.news.models import Post
from dramawired.pipeline.retag import retag

from .models import ImportedItem


def retag_imported(site_key: str, progress=None):
    ids = ImportedItem.objects.filter(site=site_key, post__isnull=False) \
        .values_list("post_id", flat=True)
    return retag(within=Post.objects.filter(pk__in=ids), progress=progress)
