from datetime import date

from .models import current


def site(request) -> dict:
    """`site_settings`, `menu` and `year` for every template. (Not `site`: Django's auth
    views put their own `site` in the context.) `menu_here`: the menu's address of this
    page, if it has one (what the header marks as current, and all it needs of the path)."""
    settings, menu = current()
    here = next((url for _, url in menu if url == request.path), "")
    return {"site_settings": settings, "menu": menu, "year": date.today().year,
            "menu_here": here}
