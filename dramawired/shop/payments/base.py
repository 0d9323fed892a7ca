"""What every payment provider does. A checkout leaves the site for the provider's page
(start), the buyer comes back (is_paid is asked then), and the provider tells us by a
signed webhook (verify), which may come before, after or instead of the buyer."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal


class PaymentError(Exception):
    """The provider refused or could not be reached; the message is fit for staff."""


class BadSignature(Exception):
    """A webhook we cannot prove came from the provider."""


@dataclass
class WebhookEvent:
    event_id: str
    kind: str  # "paid", or what the provider called it (ignored)
    reference: str = ""  # the checkout session: Order.provider_ref
    amount: Decimal | None = None
    currency: str = ""
    payment_ref: str = ""


class Provider(ABC):
    name = ""
    label = ""
    test = False  # test payments: no money moves, and the buyer is told so
    # Where the pay button's redirect leads, when not to this site: browsers hold a form's
    # redirects to the page's CSP form-action, so the summary page allows this origin.
    form_action = ""

    @abstractmethod
    def start(self, order, success_url: str, cancel_url: str) -> str:
        """Open a checkout for `order` (setting order.provider_ref); the address to send
        the buyer to."""
        ...

    @abstractmethod
    def is_paid(self, order) -> tuple[bool, str]:
        """(paid?, the payment's reference), asked when the buyer comes back."""
        ...

    @abstractmethod
    def verify(self, body: bytes, headers) -> WebhookEvent:
        """The event a webhook carries, or BadSignature."""
        ...

    @abstractmethod
    def refund(self, order) -> None:
        """Give the whole payment back; PaymentError if the provider says no."""
        ...
