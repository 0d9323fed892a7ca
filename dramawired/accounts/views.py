"""Log in, sign up and password reset: Django's auth views with our forms and templates.
Mail is sent by the worker (tasks.py): these views only queue it."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from . import limits, signup, tasks
from .forms import LoginForm, ResetRequestForm, SignupForm

BACKEND = "dramawired.accounts.backends.UsernameOrEmailBackend"
NO_MAIL = "We cannot send email right now. Please try again in a few minutes."


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def get_context_data(self, **kwargs):
        # Read at request time, not import time, so the setting can change in tests.
        return super().get_context_data(signup_open=settings.DRAMAWIRED_SIGNUP_OPEN, **kwargs)


class SignupOpenMixin:
    """Closed sign-up (DRAMAWIRED_SIGNUP_OPEN=0) makes no account, links mailed before too."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.DRAMAWIRED_SIGNUP_OPEN:
            status = 200 if request.method in ("GET", "HEAD") else 403
            return render(request, "accounts/signup.html", {"closed": True}, status=status)
        return super().dispatch(request, *args, **kwargs)


class SignupView(SignupOpenMixin, FormView):
    """The same answer ("check your email") for a new address and a taken one."""

    template_name = "accounts/signup.html"
    form_class = SignupForm
    success_url = reverse_lazy("signup_done")

    def post(self, request, *args, **kwargs):
        # Every attempt counts: "username taken" answers are what would be harvested.
        if not limits.take("signup_per_address", limits.client_address(request)):
            return render(request, self.template_name, {"limited": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save(commit=False)  # not saved: hashes the password, as for any address
        if not tasks.queue(tasks.mail_signup, user.username, user.email, user.password,
                           **tasks.link_base(self.request)):
            form.add_error(None, NO_MAIL)
            return self.render_to_response(self.get_context_data(form=form), status=503)
        return super().form_valid(form)


class SignupDoneView(TemplateView):
    template_name = "accounts/signup_done.html"


class ConfirmSignupView(SignupOpenMixin, View):
    """The link from the mail: a page with a button (mail scanners that open links must
    not create accounts), which creates the account and logs the reader in."""

    template_name = "accounts/signup_confirm.html"

    def get(self, request, token):
        return render(request, self.template_name, {"signup": signup.pending(token)})

    def post(self, request, token):
        found = signup.pending(token)
        if found is None:
            return render(request, self.template_name, {"signup": None})
        try:
            user = signup.confirm(found)
        except signup.NameTaken:
            return render(request, self.template_name, {"signup": found, "name_taken": True})
        login(request, user, backend=BACKEND)
        return redirect(settings.LOGIN_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    """Every request that passes the address limit queues one task, whatever was typed;
    over a limit the answer is the same, and no mail goes out."""

    form_class = ResetRequestForm

    def form_valid(self, form):
        if limits.take("reset_per_address", limits.client_address(self.request)):
            if not tasks.queue(tasks.send_reset_links, form.cleaned_data["email"],
                               **tasks.link_base(self.request)):
                form.add_error(None, NO_MAIL)
                return self.render_to_response(self.get_context_data(form=form), status=503)
        return HttpResponseRedirect(self.get_success_url())
