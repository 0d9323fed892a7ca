"""The catalog: products (our own, or an affiliate merchant's), their variants, images,
brands and collections. A product always has at least one variant: size and colour, SKU,
price and stock live there; the product keeps its cheapest price and whether anything is
in stock, for listing and sorting without joins (refresh_summary)."""

from django.db import models
from django.db.models import Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from dramawired.news.models import unique_slug

PRICE = {"max_digits": 10, "decimal_places": 2}


class Brand(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Collection(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shop:collection", args=[self.slug])


class ProductQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(published=True)


class Product(models.Model):
    class Kind(models.TextChoices):
        OWN = "own", "Sold here"
        AFFILIATE = "affiliate", "Affiliate (bought at the merchant)"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OWN)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(blank=True, help_text="HTML, sanitised when imported.")
    brand = models.ForeignKey(Brand, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="products")
    collections = models.ManyToManyField(Collection, blank=True, related_name="products")
    story_names = models.CharField(
        max_length=500, blank=True,
        help_text="Names an article may share with this product (the star, the show, the "
                  "film), comma-separated: the article shows it under 'Shop the story'.")
    affiliate_url = models.URLField(max_length=1000, blank=True,
                                    help_text="Affiliate products: the merchant's page.")
    merchant = models.CharField(max_length=120, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    # Kept by refresh_summary() from the variants, for listings and sorting.
    price = models.DecimalField(**PRICE, default=0)
    compare_at_price = models.DecimalField(**PRICE, null=True, blank=True)
    in_stock = models.BooleanField(default=False)
    published = models.BooleanField(default=True)
    click_count = models.PositiveIntegerField(default=0, editable=False)
    # Where an import found it: the feed's id (g:item_group_id or g:id).
    external_id = models.CharField(max_length=200, blank=True, db_index=True)
    feed = models.ForeignKey("shop.ProductFeed", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="products")
    # Fields an editor changed in the admin: a re-import leaves them as the editor left them.
    edited = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["published", "price"]),
                   models.Index(fields=["published", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Product, self.title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("shop:product", args=[self.slug])

    @property
    def is_affiliate(self) -> bool:
        return self.kind == self.Kind.AFFILIATE

    def refresh_summary(self) -> None:
        """The cheapest variant's price (its compare-at price the highest), and whether
        any variant can be bought."""
        found = self.variants.aggregate(
            price=Min("price"), compare=Max("compare_at_price"),
            stock=Sum("stock", filter=Q(available=True)),
            available=Sum(1, filter=Q(available=True)))
        self.price = found["price"] or 0
        compare = found["compare"]
        self.compare_at_price = compare if compare and compare > self.price else None
        self.in_stock = bool(found["available"]) and (self.is_affiliate or
                                                      bool(found["stock"]))
        type(self).objects.filter(pk=self.pk).update(
            price=self.price, compare_at_price=self.compare_at_price, in_stock=self.in_stock)


class Variant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=100, unique=True)
    size = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=60, blank=True)
    price = models.DecimalField(**PRICE)
    compare_at_price = models.DecimalField(**PRICE, null=True, blank=True)
    stock = models.IntegerField(default=0, help_text="Units we have (own products).")
    available = models.BooleanField(
        default=True, help_text="Affiliate products: the merchant says it is in stock.")
    image_url = models.URLField(max_length=1000, blank=True)
    position = models.PositiveIntegerField(default=0)
    edited = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=Q(stock__gte=0),
                                              name="shop_variant_stock_not_negative"),
                       models.CheckConstraint(condition=Q(price__gte=0),
                                              name="shop_variant_price_not_negative")]

    def __str__(self) -> str:
        return f"{self.product.title} — {self.label}" if self.label else self.product.title

    @property
    def label(self) -> str:
        return " / ".join(part for part in (self.size, self.colour) if part)

    @property
    def buyable(self) -> bool:
        return self.available and self.stock > 0


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    url = models.URLField(max_length=1000)
    alt = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.url
