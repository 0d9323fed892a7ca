"""The reader-facing account forms: Django's own, with our labels and rules."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from . import limits


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form (it passes the request to authenticate(), which django-axes
    needs); the field takes a username or an email address."""

    username = auth_forms.UsernameField(
        label="Username or email", max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "Your username or email and password didn’t match. Please try again.",
    }


class SignupForm(auth_forms.UserCreationForm):
    """Username, email, password twice (Django's validators check the password). A taken
    username is refused here: a public name has to be unique, and the form has to say so
    (the view limits how often one address may ask). A taken email address is not: the
    worker mails its owner instead of a confirmation link (tasks.mail_signup), so the
    answer never tells whether an address has an account."""

    email = forms.EmailField(max_length=254, widget=forms.EmailInput(
        attrs={"autocomplete": "email"}))

    class Meta(auth_forms.UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")
        help_texts = {"username": "150 characters or fewer: letters, digits and ./+/-/_ only."}

    def clean_username(self):
        username = super().clean_username()
        # The login field takes either; a username shaped like an email could shadow
        # another reader's address there.
        if username and "@" in username:  # None: Django already refused it as taken
            raise forms.ValidationError("A username cannot contain “@”.")
        return username


class ResetRequestForm(auth_forms.PasswordResetForm):
    """Django's reset form, found by username as well as by email address. Django's save()
    reads the field as "email", so it keeps that name; the link goes to the account's own
    stored address, never to what was typed. The view only validates it; save(), which
    looks the accounts up and mails them, runs on the worker (tasks.send_reset_links)."""

    email = forms.CharField(label="Username or email", max_length=254, widget=forms.TextInput(
        attrs={"autofocus": True, "autocomplete": "username"}))

    def get_users(self, email):
        typed = email.strip()
        by_name = [user for user in get_user_model()._default_manager.filter(
                   username=typed, is_active=True) if user.has_usable_password() and user.email]
        # Else Django's own lookup: active, usable password, the address equal under Unicode
        # case folding (a look-alike address must not receive someone else's link).
        found = by_name or super().get_users(typed)
        # A few links per account an hour, whoever asks: a stranger cannot flood an inbox.
        return [user for user in found if limits.take("reset_per_account", str(user.pk))]
