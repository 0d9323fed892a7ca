from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DramaWired"
admin.site.site_title = "DramaWired admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("dramawired.engagement.urls")),
    path("", include("dramawired.news.urls")),
]
