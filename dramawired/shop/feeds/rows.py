"""One feed row checked and read into what the catalog keeps: a variant, and the fields
of the product it belongs to (g:item_group_id ties variants to one product). A row that
cannot be read raises RowError with the reason, and the others go on."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from ..money import MoneyError, parse_price

AVAILABILITY = {"in_stock": True, "in stock": True, "preorder": True, "backorder": True,
                "limited_availability": True, "out_of_stock": False, "out of stock": False,
                "discontinued": False, "": True}
MAX_STOCK = 1_000_000


class RowError(ValueError):
    """This row cannot be imported; the message says why."""


@dataclass
class FeedVariant:
    sku: str
    price: Decimal
    compare_at_price: Decimal | None
    available: bool
    stock: int | None  # None: the feed does not say
    size: str = ""
    colour: str = ""
    image_url: str = ""


@dataclass
class FeedProduct:
    key: str  # g:item_group_id, or g:id for a product without variants
    title: str
    description: str
    link: str
    brand: str
    images: list[str]
    collection: str
    story_names: str
    variants: list[FeedVariant] = field(default_factory=list)


def _web_address(value: str, what: str) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 1000:
        raise RowError(f"{what} {value[:80]!r} is not an http(s) address")
    return value


def _price(text: str, currency: str, what: str) -> Decimal:
    try:
        amount, found = parse_price(text)
    except MoneyError as exc:
        raise RowError(str(exc)) from exc
    if found != currency:
        raise RowError(f"{what} is in {found}; the shop sells in {currency}")
    return amount


def _stock(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_STOCK:
        raise RowError(f"quantity {text[:20]!r} is not a whole number from 0 to {MAX_STOCK}")
    return int(text)


def read_row(row: dict, currency: str, *, need_link: bool) -> FeedProduct:
    """A product holding this row's one variant."""
    sku = row.get("id", "").strip()
    if not sku or len(sku) > 100:
        raise RowError("no id (g:id)" if not sku else "id longer than 100 characters")
    title = row.get("title", "").strip()
    if not title:
        raise RowError(f"{sku}: no title")
    if len(title) > 300:
        raise RowError(f"{sku}: title longer than 300 characters")
    availability = row.get("availability", "").strip().lower()
    if availability not in AVAILABILITY:
        raise RowError(f"{sku}: availability {availability[:30]!r} is not one of in_stock, "
                       "out_of_stock, preorder, backorder")
    try:
        regular = _price(row.get("price", ""), currency, "price")
        sale = row.get("sale_price", "").strip()
        price = _price(sale, currency, "sale price") if sale else regular
        link = _web_address(row.get("link", "").strip(), "link")
        image = _web_address(row.get("image_link", "").strip(), "image_link")
        extra = [_web_address(u, "additional_image_link") for u in
                 row.get("additional_image_link", []) if u]
        stock = _stock(row.get("quantity", "").strip())
    except RowError as exc:
        raise RowError(f"{sku}: {exc}") from None
    if need_link and not link:
        raise RowError(f"{sku}: an affiliate product needs its merchant's link (g:link)")
    product_type = row.get("product_type", "")
    return FeedProduct(
        key=(row.get("item_group_id", "").strip() or sku)[:200],
        title=title,
        description=row.get("description", ""),
        link=link,
        brand=row.get("brand", "").strip()[:120],
        images=[u for u in [image, *extra] if u],
        collection=product_type.split(">")[0].strip()[:120],
        story_names=row.get("custom_label_0", "").strip()[:500],
        variants=[FeedVariant(
            sku=sku, price=price, compare_at_price=regular if price < regular else None,
            available=AVAILABILITY[availability] and (stock is None or stock > 0),
            stock=stock, size=row.get("size", "").strip()[:60],
            colour=(row.get("color", "") or row.get("colour", "")).strip()[:60],
            image_url=image)],
    )
