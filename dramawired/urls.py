from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DramaWired"
admin.site.site_title = "DramaWired admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the site's pages: an article's address is a bare slug that takes anything.
    path("", include("dramawired.ops.urls")),
    path("accounts/", include("dramawired.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("comments/", include("dramawired.comments.urls")),
    path("", include("dramawired.search.urls")),
    path("", include("dramawired.engagement.urls")),
    path("shop/", include("dramawired.shop.urls")),
    path("", include("dramawired.stories.urls")),
    path("", include("dramawired.wordpress.urls")),
    path("", include("dramawired.news.urls")),
]
