"""What an import says when it is done: one line per kind of thing made, the states they
came in, then every reason something was skipped, with a few examples each."""

from .importing import Summary

ORDER = ("posts", "pages", "comments", "authors", "categories", "categories created", "tags",
         "attachments", "media", "sources", "redirects", "sticky")


def lines(summary: Summary) -> list[str]:
    out = []
    if summary.dry_run:
        out.append("Dry run: nothing was saved (and no media downloaded).")
    made = ", ".join(f"{summary.made[k]} {k}" for k in ORDER if k in summary.made)
    out.append(f"Imported: {made or 'nothing'}")
    if summary.states:
        out.append("By state: " + ", ".join(f"{k} {n}" for k, n in sorted(
            summary.states.items())))
    total = sum(summary.skipped.values())
    if total:
        out.append(f"Skipped: {total}")
        for reason, n in summary.skipped.most_common():
            examples = "; ".join(summary.examples.get(reason, []))
            out.append(f"  {n} × {reason}" + (f" (e.g. {examples})" if examples else ""))
    for error in summary.errors:
        out.append(f"Stopped reading: {error}")
    return out
