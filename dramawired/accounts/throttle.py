"""What django-axes counts failed logins against (settings.AXES_USERNAME_CALLABLE).

A reader may type their username or their email address; both name one account, so both
must count towards that account's limit, or an attacker would get twice the guesses."""

from .backends import find_accounts


def account_key(request, credentials) -> str:
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    accounts = find_accounts(typed or "")
    if len(accounts) == 1:
        return accounts[0].get_username()
    # Unknown (or shared) names are counted as typed, so guessing at names that do not exist
    # is throttled too and a lockout says nothing about whether an account exists.
    return (typed or "").strip().lower()
