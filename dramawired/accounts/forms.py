"""The reader-facing account forms: Django's own, with our labels and rules."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model


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
    """Username, email, password twice (Django's validators check the password)."""

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

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model()._default_manager.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email


class ResetRequestForm(auth_forms.PasswordResetForm):
    """Django's reset form, found by username as well as by email address. Django's save()
    reads the field as "email", so it keeps that name; the link goes to the account's own
    stored address, never to what was typed."""

    email = forms.CharField(label="Username or email", max_length=254, widget=forms.TextInput(
        attrs={"autofocus": True, "autocomplete": "username"}))

    def get_users(self, email):
        typed = email.strip()
        by_name = [user for user in get_user_model()._default_manager.filter(
                   username=typed, is_active=True) if user.has_usable_password() and user.email]
        # Else Django's own lookup: active, usable password, the address equal under Unicode
        # case folding (a look-alike address must not receive someone else's link).
        return by_name or super().get_users(typed)
