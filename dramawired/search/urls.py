from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.results, name="search"),
    path("search/live/", views.live, name="search-live"),
]
