from django.http import HttpResponse
from django.urls import reverse


def robots(request):
    base = request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /e/",
        "Disallow: /share/",
        "Disallow: /search/",
        "",
        f"Sitemap: {base}{reverse('sitemap')}",
        f"Sitemap: {base}{reverse('news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
