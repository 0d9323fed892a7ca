"""The seed site's menu categories, in its order, plus Uncategorized for the rest."""

from django.db import migrations

CATEGORIES = ["Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"]


def seed(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for position, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=name.lower(), defaults={"name": name, "position": position * 10}
        )
    Category.objects.get_or_create(
        slug="uncategorized", defaults={"name": "Uncategorized", "position": 999}
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
