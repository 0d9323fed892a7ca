"""A product feed into the catalog: new products and variants created, known ones updated
in place (price, stock, availability…), nothing deleted, and no field an editor changed
in the admin overwritten. Each product is written in its own transaction; a bad row is
reported with its reason and never stops the others."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from dramawired.news.generations import coalesced
from dramawired.pipeline.sanitize import sanitize_html

from .. import story
from ..models import Brand, Collection, Product, ProductFeed, ProductImage, Variant
from ..money import shop_currency
from .parse import read_feed
from .rows import FeedProduct, FeedVariant, RowError, read_row


@dataclass
class ImportReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed")

    def fail(self, where: str, why: str) -> None:
        self.failed += 1
        self.errors.append(f"{where}: {why}")


def _groups(rows: list[dict], report: ImportReport, currency: str, kind: str):
    """Rows gathered into products (variants by g:item_group_id), in feed order."""
    products: dict[str, tuple[FeedProduct, list[str]]] = {}
    for row in rows:
        try:
            item = read_row(row, currency, need_link=kind == Product.Kind.AFFILIATE)
        except RowError as exc:
            report.fail(row["_where"], str(exc))
            continue
        if item.key in products:
            found, wheres = products[item.key]
            if any(v.sku == item.variants[0].sku for v in found.variants):
                report.fail(row["_where"], f"{item.variants[0].sku}: id given twice")
                continue
            found.variants.append(item.variants[0])
            found.images += [u for u in item.images if u not in found.images]
            wheres.append(row["_where"])
        else:
            products[item.key] = (item, [row["_where"]])
    return list(products.values())


def _set(obj, values: dict) -> bool:
    """Fields the editor has not taken over, set to the feed's values; True if any moved."""
    changed = False
    for name, value in values.items():
        if name not in obj.edited and getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _product(item: FeedProduct, feed, kind: str, merchant: str, base: str):
    product = Product.objects.filter(feed=feed, external_id=item.key).first()
    brand = Brand.objects.get_or_create(name=item.brand)[0] if item.brand else None
    values = {"title": item.title, "brand": brand,
              "description": sanitize_html(item.description, base) if item.description else "",
              "affiliate_url": item.link if kind == Product.Kind.AFFILIATE else "",
              "merchant": merchant, "story_names": item.story_names}
    created = product is None
    if created:
        product = Product(feed=feed, external_id=item.key, kind=kind, currency=shop_currency())
    changed = _set(product, values)
    if created or changed:
        product.save()
    if item.collection:
        slug = slugify(item.collection, allow_unicode=True)[:120] or "collection"
        collection = (Collection.objects.filter(name=item.collection).first()
                      or Collection.objects.get_or_create(slug=slug,
                                                          defaults={"name": item.collection})[0])
        product.collections.add(collection)
    if "images" not in product.edited and \
            [i.url for i in product.images.all()] != item.images:
        product.images.all().delete()
        ProductImage.objects.bulk_create(ProductImage(product=product, url=url, position=n)
                                         for n, url in enumerate(item.images))
        changed = True
    return product, created, changed


def _variant(product: Product, v: FeedVariant, position: int) -> str:
    """"new", "updated" or "unchanged"; RowError if the SKU is another product's."""
    variant = Variant.objects.filter(sku=v.sku).first()
    if variant is not None and variant.product_id != product.pk:
        raise RowError(f"{v.sku}: this id belongs to another product "
                       f"({variant.product.title!r})")
    values = {"price": v.price, "compare_at_price": v.compare_at_price,
              "available": v.available, "size": v.size, "colour": v.colour,
              "image_url": v.image_url}
    if v.stock is not None:
        values["stock"] = v.stock
    elif not v.available:
        values["stock"] = 0
    if variant is None:
        Variant.objects.create(product=product, sku=v.sku, position=position, **values)
        return "new"
    if _set(variant, values):
        variant.save()
        return "updated"
    return "unchanged"


def import_feed(data: bytes, *, kind: str = Product.Kind.OWN, merchant: str = "",
                feed: ProductFeed | None = None, base_url: str = "",
                progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import a feed's bytes; FeedError if the feed as a whole cannot be read."""
    rows = read_feed(data)
    report = ImportReport()
    groups = _groups(rows, report, shop_currency(), kind)
    done, total = report.failed, len(rows)
    with coalesced(), story.batched():  # the caches hear of the whole import once
        for item, wheres in groups:
            try:
                with transaction.atomic():
                    product, created, changed = _product(item, feed, kind, merchant, base_url)
            except Exception as exc:  # a database refusal: this product only
                for where in wheres:
                    report.fail(where, f"{item.key}: {type(exc).__name__}: {exc}")
                continue
            for n, (variant, where) in enumerate(zip(item.variants, wheres, strict=True)):
                try:
                    with transaction.atomic():
                        outcome = _variant(product, variant, n)
                except RowError as exc:
                    report.fail(where, str(exc))
                    continue
                if outcome == "unchanged" and changed and n == 0:
                    outcome = "updated"  # the product's own fields moved
                setattr(report, outcome, getattr(report, outcome) + 1)
            product.refresh_summary()
            done += len(wheres)
            if progress:
                progress(done, total)
    return report
