from django.urls import path

from . import views

urlpatterns = [
    path("story/<str:key>/", views.story, name="story"),
]
