"""Descriptions for the seeded categories: readers see them on category pages, and the
content classifier learns from them (pipeline/training.py). Only blank ones are filled,
so an editor's own description stays."""

from django.db import migrations

DESCRIPTIONS = {
    "celebrity": "Famous people's lives beyond any one work: births, deaths, health, "
                 "honours, red carpets and appearances, fashion, homes, interviews and "
                 "charity.",
    "dramaalert": "Drama among YouTubers, Twitch and Kick streamers, TikTokers and "
                  "influencers: feuds, apology videos, bans, exposés, scandals and "
                  "controversies online.",
    "gossip": "Stars' relationships and rumours: dating, engagements, weddings, "
              "break-ups and divorces, feuds, scandals, court cases, insiders' claims and "
              "speculation.",
    "movie": "Films and cinema: box office, trailers, casting, directors, release dates, "
             "reviews, festivals, the Oscars and studios' plans.",
    "tv": "Television and streaming series: renewals, cancellations, premieres, "
          "episodes, seasons, ratings, reality shows, talk shows and their hosts, soaps "
          "and the Emmys.",
    "music": "Music and musicians: albums, singles, tours, concerts, festivals, charts, "
             "streaming, bands, rappers, singers and the Grammys.",
    "comics": "Comic books, graphic novels, manga and webcomics: Marvel, DC, new issues, "
              "writers and artists, crossover events and conventions.",
    "shop": "Products and merchandise to buy: collectibles, figures, posters, vinyl, "
            "box sets, apparel, deals, sales, pre-orders and gift guides.",
}


def describe(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for slug, text in DESCRIPTIONS.items():
        Category.objects.filter(slug=slug, description="").update(description=text)


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0003_trained_classifier"), ("news", "0003_seed_categories")]
    operations = [migrations.RunPython(describe, migrations.RunPython.noop)]
