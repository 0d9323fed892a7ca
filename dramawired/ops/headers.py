"""Content-Security-Policy: what a page may load, so that markup slipped into a story or a
comment past the sanitizer still cannot run a script.

The site's own pages need nothing inline: scripts and styles are files under /static/
(the JSON-LD block is data, not a script), and their JavaScript sets no inline styles or
event handlers. From elsewhere they load only images and media, from any host (lead images,
author avatars and story images come from publishers), and the video players the sanitizer
lets into story bodies (pipeline/quirks.py's VIDEO_HOSTS, always https).

Django's admin (5.2) writes some <style> blocks of its own: there, and only there, inline
styles are allowed; scripts never are. Under DEBUG the policy is only reported
(Report-Only), so Django's debug pages, which are all inline, still render.
"""

from django.conf import settings

from dramawired.pipeline.quirks import VIDEO_HOSTS

HEADER = "Content-Security-Policy"
_FRAMES = " ".join(f"https://{host} https://*.{host}" for host in VIDEO_HOSTS)
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "* data:",
    "media-src": "*",
    "frame-src": _FRAMES,
    "connect-src": "'self'",  # the live search and the view and share beacons
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",  # as X-Frame-Options: DENY
}
ADMIN_DIRECTIVES = {**DIRECTIVES, "style-src": "'self' 'unsafe-inline'"}


def policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


SITE_POLICY, ADMIN_POLICY = policy(DIRECTIVES), policy(ADMIN_DIRECTIVES)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = f"{HEADER}-Report-Only" if settings.DEBUG else HEADER

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        admin = match is not None and "admin" in match.namespaces
        response.setdefault(self.header, ADMIN_POLICY if admin else SITE_POLICY)
        return response
