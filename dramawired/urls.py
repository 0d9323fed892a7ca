from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "DramaWired"
admin.site.site_title = "DramaWired admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Until the public site exists, the root leads editors to the admin.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
