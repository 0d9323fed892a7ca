"""Log in with a username or an email address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def find_accounts(identifier: str):
    """The accounts `identifier` names: the one with that username if there is one (usernames
    are exact, as Django stores them), else those with that email address, any case.
    Sign-up keeps emails unique, but staff can create accounts that share one in the admin."""
    users = get_user_model()._default_manager
    identifier = (identifier or "").strip()
    if not identifier:
        return []
    by_name = list(users.filter(username=identifier))
    return by_name or list(users.filter(email__iexact=identifier))


class UsernameOrEmailBackend(ModelBackend):
    """ModelBackend that also accepts an email address where the username goes."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        accounts = find_accounts(username)
        if not accounts:
            # Hash once anyway, so an unknown name takes as long as a wrong password
            # (ModelBackend does the same against timing-based account discovery).
            get_user_model()().set_password(password)
            return None
        for user in accounts:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None
