"""What django-axes counts failed logins against (settings AXES_*), and when it stops them.

Failures count against their source, the requester's address: 5 against one account stop
that address for that account, DRAMAWIRED_LOGIN_FAILURES_PER_ADDRESS against any accounts
stop the address. An account is never locked for everyone, or a stranger could lock any
reader, or the editors, out by failing on purpose. The public login and the admin's count
apart ("realms"), so mistyping on the site never closes the admin."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.urls import reverse

from .backends import find_accounts


def account_key(request, credentials) -> str:
    """settings.AXES_USERNAME_CALLABLE: "realm:account". A reader may type their username
    or their email address; both name one account, so both count as one."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    accounts = find_accounts(typed or "")
    # Unknown (or shared) names are counted as typed, so guessing at names that do not exist
    # is throttled too and a lockout says nothing about whether an account exists.
    account = accounts[0].get_username() if len(accounts) == 1 else (typed or "").strip().lower()
    return f"{_realm(request)}:{account}"


def _realm(request) -> str:
    path = getattr(request, "path", "") or ""
    return "admin" if path.startswith(reverse("admin:index")) else "site"


class SourceThrottle(AxesDatabaseHandler):
    """settings.AXES_HANDLER: axes' database handler, counting as the module says."""

    def filter_user_attempts(self, request, credentials=None):
        """[this account from this address, any account from this address], in this realm
        (the order of settings.AXES_LOCKOUT_PARAMETERS)."""
        key = get_client_username(request, credentials)
        realm = key.split(":", 1)[0] + ":"
        from_here = AccessAttempt.objects.filter(ip_address=request.axes_ip_address,
                                                 username__startswith=realm)
        return [from_here.filter(username=key), from_here]

    def get_failures(self, request, credentials=None) -> int:
        """The account's count from here; an address past its own, higher limit counts as
        having reached the account limit (axes compares this one number with it)."""
        account, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials))
        if address >= settings.DRAMAWIRED_LOGIN_FAILURES_PER_ADDRESS:
            return max(account, get_failure_limit(request, credentials))
        return account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A success clears that account's failures from this address, not the address's
        others: else one account of their own would let a stranger go on guessing."""
        count, _ = self.filter_user_attempts(request, credentials)[0].delete()
        return count
