from datetime import date

from .models import current


def site(request) -> dict:
    """`site`, `menu` and `year` for every template."""
    settings, menu = current()
    return {"site": settings, "menu": menu, "year": date.today().year}
