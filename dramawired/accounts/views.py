"""Log in, sign up and password reset: Django's auth views with our forms and templates."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.generic import FormView

from dramawired.siteconfig.models import current

from .forms import LoginForm, ResetRequestForm, SignupForm

BACKEND = "dramawired.accounts.backends.UsernameOrEmailBackend"


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def get_context_data(self, **kwargs):
        # Read at request time, not import time, so the setting can change in tests.
        return super().get_context_data(signup_open=settings.DRAMAWIRED_SIGNUP_OPEN, **kwargs)


class SignupView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if not settings.DRAMAWIRED_SIGNUP_OPEN:
            status = 200 if request.method in ("GET", "HEAD") else 403
            return render(request, self.template_name, {"closed": True}, status=status)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend=BACKEND)
        return redirect(settings.LOGIN_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm

    @property
    def extra_email_context(self):
        # The mail names the site as readers know it; Django's site_name is the host name.
        return {"site_name": current()[0].name}
