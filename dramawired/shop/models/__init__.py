"""The shop's models, one module per concern."""

from .cart import CartLine
from .catalog import Brand, Collection, Product, ProductImage, Variant
from .feeds import ProductFeed
from .orders import Order, OrderLine, PaymentEvent, ShippingMethod, TaxRate
from .pages import StorePage

__all__ = ["Brand", "CartLine", "Collection", "Order", "OrderLine", "PaymentEvent",
           "Product", "ProductFeed", "ProductImage", "ShippingMethod", "StorePage",
           "TaxRate", "Variant"]
