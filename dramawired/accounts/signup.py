"""Sign-up in two steps: a pending sign-up with a link mailed to the address, then the
account, made when the link is opened (once, within a day)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PendingSignup


class NameTaken(Exception):
    """Someone confirmed the same username first."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _oldest_valid():
    # The reset link's lifetime (a day): one rule for every link we mail.
    return timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def start(username: str, email: str, password_hash: str) -> str:
    """Record a sign-up; the token for its link. Expired ones go at the same time."""
    PendingSignup.objects.filter(created__lt=_oldest_valid()).delete()
    token = secrets.token_urlsafe(32)
    PendingSignup.objects.create(username=username, email=email, password=password_hash,
                                 token_hash=_hash(token))
    return token


def pending(token: str) -> PendingSignup | None:
    """The sign-up this link confirms, if it is still open: not expired, not used, and no
    account has taken the address since (the link works once)."""
    found = PendingSignup.objects.filter(token_hash=_hash(token),
                                         created__gte=_oldest_valid()).first()
    if found and get_user_model()._default_manager.filter(email__iexact=found.email).exists():
        return None
    return found


def confirm(signup: PendingSignup):
    """The account, made from the sign-up; NameTaken if the username went meanwhile.
    Every open sign-up for the address is closed with it."""
    users = get_user_model()._default_manager
    try:
        with transaction.atomic():
            if users.filter(username__iexact=signup.username).exists():
                raise NameTaken(signup.username)
            user = users.create(username=signup.username, email=signup.email,
                                password=signup.password)
            PendingSignup.objects.filter(email__iexact=signup.email).delete()
    except IntegrityError as exc:  # the same name confirmed at the same moment
        raise NameTaken(signup.username) from exc
    return user
