"""dramawired extract URL_OR_FILE... [--json] [--source NAME] [--story-selector CSS]
[--drop CSS]...: preview what the pipeline would publish, and what extraction rules do."""

import json
import textwrap
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dramawired.pipeline import dedupe
from dramawired.pipeline.extract import ExtractError
from dramawired.pipeline.fetch import FetchError, decode_html, fetch, make_client
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.page_tree import ExtractRules, RuleEffect, rule_effects, selector_error
from dramawired.pipeline.policy import plan_for, policy_from_settings
from dramawired.pipeline.run import build_article
from dramawired.sources.models import Source


class Command(BaseCommand):
    help = "Show what the pipeline would publish from article pages (URLs or files)."

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="+", metavar="URL_OR_FILE")
        parser.add_argument("--json", action="store_true",
                            help="One JSON object per page per line.")
        parser.add_argument("--base-url", default="",
                            help="Address a local file was saved from (for its links).")
        parser.add_argument("--source", metavar="NAME",
                            help="Use this source's extraction rules.")
        parser.add_argument("--story-selector", metavar="CSS",
                            help="CSS selector of the story's container (instead of the "
                                 "source's).")
        parser.add_argument("--drop", metavar="CSS", action="append", default=[],
                            help="CSS selector of a block to remove (repeatable; added to "
                                 "the source's).")

    def handle(self, *args, targets, json, base_url, source, story_selector, drop, **options):
        policy = policy_from_settings()
        found = self._source(source)
        # As a poll of that source builds it (its category rules and default, the
        # classifier), with the rules given here.
        plan = replace(plan_for(found), extract_rules=self._rules(found, story_selector, drop))
        failures = 0
        with make_client(policy) as client:
            for target in targets:
                try:
                    page_html, url = self._load(target, base_url, client, policy)
                    item = FeedItem(guid=url, url=url, title="")
                    article = build_article(item, dedupe.cheap_keys(item, 0), page_html, url,
                                            plan)
                except (FetchError, ExtractError, OSError) as exc:
                    if len(targets) == 1 and not json:
                        # One page: its own error is the one line to print, not two.
                        raise CommandError(f"{target}: {exc}") from exc
                    failures += 1
                    self._error(target, exc, json)
                    continue
                # Built-in rules are shown where they removed something; the source's own
                # rules always (a selector that matches nothing is what an editor must see).
                effects = [e for e in rule_effects(page_html, url, plan.extract_rules)
                           if e.rule != "built-in" or e.matched]
                self._show(url, article, json, effects)
        if failures:
            raise CommandError(f"{failures} of {len(targets)} pages gave no story")

    def _source(self, name) -> Source | None:
        if not name:
            return None
        try:
            return Source.objects.get(name=name)
        except Source.DoesNotExist:
            raise CommandError(f"no source named {name!r}") from None

    def _rules(self, source, story_selector, drop) -> ExtractRules:
        story, drops = "", []
        if source:
            story, drops = source.story_selector.strip(), source.drop_selector_list
        if story_selector is not None:
            story = story_selector.strip()
        drops = [*drops, *(d.strip() for d in drop if d.strip())]
        for selector in filter(None, [story, *drops]):
            if error := selector_error(selector):
                raise CommandError(f"{selector!r} is not a CSS selector we can use: {error}")
        return ExtractRules(story, tuple(drops))

    def _load(self, target, base_url, client, policy):
        path = Path(target)
        if "://" not in target:
            if not path.is_file():
                raise OSError("no such file")  # the caller names the target
            return decode_html(path.read_bytes()), base_url or path.resolve().as_uri()
        response = fetch(target, client, policy, accept="text/html,application/xhtml+xml")
        return response.text, response.url

    def _error(self, target, exc, as_json):
        if as_json:
            self.stdout.write(json.dumps({"url": target, "error": str(exc)},
                                         ensure_ascii=False))
        else:
            self.stderr.write(f"error: {target}: {exc}")

    def _show(self, url, article, as_json, effects: list[RuleEffect]):
        published = article.published.isoformat() if article.published else None
        if as_json:
            self.stdout.write(json.dumps({
                "url": url, "rules": [vars(e) for e in effects],
                "title": article.title, "author": article.author,
                "published": published, "lead_image": article.lead_image,
                "category": article.category, "tags": article.tags,
                "excerpt": article.excerpt, "words": len(article.text.split()),
                "body_html": article.body_html, "text": article.text,
            }, ensure_ascii=False))
            return
        self.stdout.write("\n".join([
            f"URL:       {url}",
            f"Title:     {article.title}",
            f"Author:    {article.author or '-'}",
            f"Published: {published or '-'}",
            f"Image:     {article.lead_image or '-'}",
            f"Category:  {article.category}",
            f"Tags:      {', '.join(article.tags) or '-'}",
            f"Words:     {len(article.text.split())}",
            *(_effect_line(e) for e in effects),
            "-" * 72,
            "\n\n".join(textwrap.fill(p, 100) for p in article.text.split("\n")),
            "",
        ]))


def _effect_line(effect: RuleEffect) -> str:
    """One rule's effect on the page: what it kept or removed, with the start of its text."""
    label = f"{effect.rule} {effect.selector}"
    if effect.error:
        return f"Rule:      {label}: ignored, {effect.error}"
    if not effect.matched:
        return f"Rule:      {label}: no match" + (
            " (the whole page is read)" if effect.rule == "story" else "")
    done = "kept" if effect.rule == "story" else "removed"
    sample = f": “{effect.sample}…”" if effect.sample else ""
    return f"Rule:      {label}: {done} {effect.matched} block(s){sample}"
