"""The pages a store needs, in our own words, for editors to rewrite in the admin; the
footer links them by these slugs."""

from django.db import migrations

PAGES = [
    ("terms", "Terms of sale", "<p>These terms cover products sold by DramaWired itself. "
     "Products marked as affiliate are sold by their merchant, under the merchant's own "
     "terms.</p><p>Prices include the amounts shown at checkout: goods, shipping and any "
     "tax for your country. An order is a contract once its payment is confirmed.</p>"),
    ("returns", "Returns", "<p>Unworn, unopened items can come back within 30 days of "
     "delivery for a full refund of the goods. Write to us with your order number first; "
     "we reply with the return address.</p><p>Affiliate products go back to their "
     "merchant.</p>"),
    ("privacy", "Privacy", "<p>For an order we keep your name, email and shipping address, "
     "to ship it and answer you. Payments are handled by the payment provider: we never see "
     "your card.</p><p>We keep no record of who clicks an affiliate link, only a count.</p>"),
    ("contact", "Contact", "<p>Questions about an order: write to the shop's address given "
     "in your confirmation mail, with the order number.</p>"),
]


def seed(apps, schema_editor):
    StorePage = apps.get_model("shop", "StorePage")
    for position, (slug, title, body) in enumerate(PAGES):
        StorePage.objects.get_or_create(slug=slug, defaults={
            "title": title, "body": body, "position": position})


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.RemoveField(model_name="storepage", name="in_footer"),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
