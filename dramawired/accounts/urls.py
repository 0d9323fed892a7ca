"""Our account pages. They take the names and addresses of django.contrib.auth.urls (included
after this module in dramawired/urls.py), so every {% url 'login' %} reaches ours; the rest
(logout, the reset link's pages, password change) come from there unchanged."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("signup/", views.SignupView.as_view(), name="signup"),
    path("signup/done/", views.SignupDoneView.as_view(), name="signup_done"),
    path("signup/confirm/<str:token>/", views.ConfirmSignupView.as_view(),
         name="signup_confirm"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
]
