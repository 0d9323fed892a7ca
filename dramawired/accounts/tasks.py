"""Account mail, sent by the worker (huey), never inside a request. A request only queues
one task, the same whatever was typed: neither its answer nor its time tells whether an
account or an address exists, and a slow mail server never holds a web thread."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from huey.contrib.djhuey import db_task

from dramawired.siteconfig.models import current

from . import limits, signup
from .forms import ResetRequestForm

log = logging.getLogger("dramawired.accounts")


def queue(task, *args, **kwargs) -> bool:
    """Queue `task`; False (and a log line) when the queue cannot be reached."""
    try:
        task(*args, **kwargs)
    except Exception as exc:  # SQLite file or Redis gone: the caller tells the reader
        log.warning("account mail not queued: queue unreachable (%s)", exc)
        return False
    return True


def link_base(request) -> dict:
    """Where links in the mail point: this site as the reader reached it."""
    return {"domain": request.get_host(), "use_https": request.is_secure()}


@db_task()
def send_reset_links(typed: str, domain: str, use_https: bool):
    """Django's reset mail to each account `typed` names (forms.ResetRequestForm)."""
    form = ResetRequestForm({"email": typed})
    if form.is_valid():
        # The mail names the site as readers know it; Django's site_name is the host name.
        form.save(domain_override=domain, use_https=use_https,
                  extra_email_context={"site_name": current()[0].name})


@db_task()
def mail_signup(username: str, email: str, password_hash: str, domain: str, use_https: bool):
    """A confirmation link to a new address; to an address that has an account, a note to
    its owner that someone tried, and no new account."""
    if not limits.take("signup_mail_per_email", email.lower()):
        return  # a stranger cannot flood an inbox by signing up with it
    context = {"protocol": "https" if use_https else "http", "domain": domain,
               "site_name": current()[0].name, "email": email}
    owners = list(get_user_model()._default_manager.filter(email__iexact=email))
    for owner in owners:
        _send("signup_taken", {**context, "username": owner.get_username()}, owner.email)
    if not owners:
        token = signup.start(username, email, password_hash)
        _send("signup_confirm", {**context, "username": username, "token": token}, email)


def _send(name: str, context: dict, to: str) -> None:
    subject = render_to_string(f"accounts/{name}_subject.txt", context)
    body = render_to_string(f"accounts/{name}_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])
