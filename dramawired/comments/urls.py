from django.urls import path

from . import views

urlpatterns = [
    path("post/<int:post_id>/", views.post_comment, name="comment-post"),
    path("reply/<int:comment_id>/", views.reply, name="comment-reply"),
    path("pending/<str:token>/", views.pending, name="comment-pending"),
]
