from django.urls import path

from . import views

urlpatterns = [
    path("e/view/<int:post_id>/", views.view_beacon, name="view-beacon"),
    path("e/view/<int:post_id>.gif", views.view_pixel, name="view-pixel"),
    path("e/share/<int:post_id>/", views.share_beacon, name="share-beacon"),
    path("share/<int:post_id>/<str:network>/", views.share, name="share"),
]
