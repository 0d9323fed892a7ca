"""Order pages (the buyer's, staff's, or the mail's signed link), a reader's orders, the
providers' webhooks, and the test provider's payment page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import payments
from ..access import visible_order
from ..models import Order
from ..payments.testpay import HEADER, TestProvider, session, sign
from ..webhooks import receive

MAX_WEBHOOK = 256 * 1024  # bytes: a provider's event is a few kilobytes


@never_cache
def order(request, number: str):
    found = visible_order(request, number)
    return render(request, "shop/order.html", {"order": found, "lines": found.lines.all()})


@never_cache
@login_required
def my_orders(request):
    return render(request, "shop/orders.html",
                  {"orders": Order.objects.filter(user=request.user)})


@csrf_exempt  # a provider's server posts no token: its signature is checked instead
@require_POST
def webhook(request, provider: str):
    found = payments.get(provider)
    if found is None:
        raise Http404("No such provider")
    if int(request.headers.get("Content-Length") or 0) > MAX_WEBHOOK:
        return HttpResponse("too large", status=413, content_type="text/plain")
    answer = receive(found, request.body, request.headers)
    return HttpResponse(answer.message, status=answer.status, content_type="text/plain")


@never_cache
@require_http_methods(["GET", "POST"])
def test_pay(request, ref: str):
    """The test provider's own page (in a real checkout, the provider's site)."""
    provider = payments.get("test")
    state = session(ref)
    if not isinstance(provider, TestProvider) or state is None:
        raise Http404("No such test payment")
    if request.method == "POST" and state["status"] == "open":
        if request.POST.get("action") == "pay":
            body = provider.pay(ref)
            # The provider's webhook, delivered as a provider would: signed, to the handler
            # the public endpoint uses, before the buyer is sent back.
            receive(provider, body, {HEADER: sign(body)})
            return HttpResponseRedirect(state["success_url"])
        return HttpResponseRedirect(state["cancel_url"])
    return render(request, "shop/test_pay.html", {"state": state, "ref": ref})
