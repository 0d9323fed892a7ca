import django.db.models.deletion
from django.db import migrations, models

MENU = ["Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"]


def seed(apps, schema_editor):
    """The seed site's menu: Home, then its categories in order."""
    SiteSettings = apps.get_model("siteconfig", "SiteSettings")
    MenuItem = apps.get_model("siteconfig", "MenuItem")
    Category = apps.get_model("news", "Category")
    SiteSettings.objects.get_or_create(pk=1)
    MenuItem.objects.create(label="Home", url="/", position=0)
    for position, name in enumerate(MENU, start=1):
        MenuItem.objects.create(label=name, category=Category.objects.get(slug=name.lower()),
                                position=position * 10)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("news", "0003_seed_categories")]
    operations = [
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("name", models.CharField(default="DramaWired", max_length=100)),
                ("tagline", models.CharField(default="Entertainment news, as it breaks",
                                             max_length=200)),
                ("logo_url", models.CharField(blank=True, help_text="Empty: the site name is the logo.", max_length=500)),
                ("base_url", models.URLField(default="http://127.0.0.1:8000", help_text="The public address, for feeds, sitemaps and share links.", max_length=200)),
                ("disclaimer", models.TextField(default="DramaWired is a content aggregator and not responsible for the content of external sites.")),
                ("canonical_to_source", models.BooleanField(default=True, help_text="Canonical link points at the original article (else at us).")),
                ("posts_per_page", models.PositiveSmallIntegerField(default=12)),
            ],
            options={"verbose_name": "site settings", "verbose_name_plural": "site settings"},
        ),
        migrations.CreateModel(
            name="MenuItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=60)),
                ("url", models.CharField(blank=True, help_text="…or to this address.", max_length=300)),
                ("position", models.PositiveIntegerField(default=0)),
                ("category", models.ForeignKey(blank=True, help_text="Links to its page…", null=True, on_delete=django.db.models.deletion.CASCADE, to="news.category")),
            ],
            options={"ordering": ["position", "id"]},
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
