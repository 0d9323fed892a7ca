from datetime import date

from .models import current


def site(request) -> dict:
    """`site_settings`, `menu` and `year` for every template. (Not `site`: Django's auth
    views put their own `site` in the context.)"""
    settings, menu = current()
    return {"site_settings": settings, "menu": menu, "year": date.today().year}
