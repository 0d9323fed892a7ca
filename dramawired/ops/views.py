"""/healthz: what a load balancer or uptime monitor asks before sending readers here.

503 when the database does not answer. A queue that does not answer makes it "degraded"
but still 200: this web node serves readers all the same (new stories wait until the
queue is back), and a load balancer must not take every node out for it. A stale last
poll is reported with its age, for a monitor to alert on.

Anyone may ask, but only a caller on this machine (loopback: a monitor beside the web
server, `curl` over SSH) or a logged-in editor hears the details (queue depth, failing
sources, error messages); others get the status alone, with the same status code. Behind
nginx the caller's address is the reader's (ops/proxy.py), so a reader is not "local".
"""

import logging

from django.db import connection
from django.db.models import Count, Max, Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dramawired.ops.proxy import parse_address
from dramawired.pipeline.jobs import queue_depth
from dramawired.sources.models import Source

log = logging.getLogger("dramawired.health")

ERROR_CHARS = 200  # enough to tell "connection refused" from "disk I/O error"


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]


def _last_poll(now) -> dict:
    stats = Source.objects.aggregate(
        at=Max("last_success"),
        failing=Count("pk", filter=Q(enabled=True, consecutive_failures__gt=0)))
    at = stats["at"]
    return {"at": at.isoformat() if at else None,
            "age_seconds": int((now - at).total_seconds()) if at else None,
            "failing_sources": stats["failing"]}


def _may_see_details(request) -> bool:
    address = parse_address(request.META.get("REMOTE_ADDR", ""))
    if address is not None and address.is_loopback:
        return True
    try:
        return request.user.is_staff  # reads the session, then the user, from the database
    except Exception:  # which is what is down: a 503 with the status alone, not a 500
        return False


@never_cache
@require_GET
def healthz(request):
    body, failed = {"status": "ok"}, {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        last_poll = _last_poll(timezone.now())
        body["database"] = "ok"
    except Exception as exc:
        log.warning("healthz database failed: %s", exc)
        body["database"], last_poll, failed["database"] = "error", None, _short(exc)
    try:
        body["queue"] = {"status": "ok", **queue_depth()}
    except Exception as exc:
        log.warning("healthz queue failed: %s", exc)
        failed["queue"] = _short(exc)
        body["queue"] = {"status": "error", "error": failed["queue"]}
    body["last_poll"] = last_poll
    if failed:
        body["status"] = "error" if "database" in failed else "degraded"
        body["failed"] = failed
    if not _may_see_details(request):
        body = {"status": body["status"]}
    return JsonResponse(body, status=503 if "database" in failed else 200)
