"""Images the WordPress import downloaded (--media), served from media storage. Only
files the import wrote are under wp/, each an image checked by its first bytes and named
by us; nginx may serve MEDIA_ROOT directly in front of this."""

from pathlib import Path

from django.conf import settings
from django.urls import path
from django.views.static import serve


def media(request, path: str):
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "wp")


urlpatterns = [
    path("media/wp/<path:path>", media, name="wordpress-media"),
]
