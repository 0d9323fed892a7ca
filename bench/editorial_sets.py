"""Build bench/editorial.py's ARTICLES.jsonl from committed labels and public snapshots.

    .venv/bin/python bench/editorial_sets.py LABELS.jsonl OUT.jsonl [--mirror /work/.mirror]

The labels (bench/labels/editorial/*.jsonl) are the project's own writing and hold no
article text; the text is read from public repositories' snapshots, brought onto the
machine with the `fetch` tool (github:OWNER/NAME), which leaves a bare git dir under
MIRROR/OWNER+NAME/ (repo/ or repo/.git). Each label line:

    {"id", "source", "locator", "full_text", "category", "main_names", "ok_names"}

source names the data set (for people; the locator says how to read it). locator:

    repo    "owner/name" of the public repository
    commit  the 40-hex commit the label was written against (read with git show)
    path    the file inside it
    and by the file's kind:
    row     a CSV file (header "text,..."): the 0-based data row, header excluded; the
            text column is headline and story run together, so
    title_words  how many of its leading words are the headline
    line    a JSON-lines file: the 0-based line; "headline" is the title and
            "short_description" the body (a headline+summary item: full_text false)
    front_matter  true for a static site's Markdown post: "---"-fenced front matter whose
            "title:" line is the title, the text after the closing "---" the body,
            paragraphs separated by blank lines (the Daily Mail copies in finescoop)
    (none)  a text file: the first non-blank line is the title, the rest the body,
            paragraphs separated by blank lines

Written per line: id, title, body (paragraphs separated by a blank line), full_text,
category, main_names, ok_names (and source, for the README's provenance). A CSV story has
no paragraph breaks left, so its sentences are grouped two to a paragraph: the feed's
teaser is then a first paragraph, as a publisher's would be, not the whole story.
"""

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[\"'(]?[A-Z0-9£$])")
PER_PARAGRAPH = 2
FRONT_MATTER = re.compile(r"^---[ \t]*$", re.M)


class MissingSnapshot(Exception):
    pass


def git_dir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo", base):
        if (candidate / "HEAD").is_file():
            return candidate
    raise MissingSnapshot(f"no snapshot of {repo} under {mirror}: call fetch github:{repo}")


@cache
def blob(mirror: Path, repo: str, commit: str, path: str) -> str:
    gd = git_dir(mirror, repo)
    done = subprocess.run(["git", f"--git-dir={gd}", "show", f"{commit}:{path}"],
                          capture_output=True)
    if done.returncode:
        raise MissingSnapshot(f"{repo}@{commit[:12]} has no {path} in {gd} "
                              f"({done.stderr.decode().strip()}): call fetch github:{repo} "
                              "for a newer snapshot, or relabel against the one you have")
    return done.stdout.decode("utf-8", errors="replace")


@cache
def csv_rows(mirror: Path, repo: str, commit: str, path: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(blob(mirror, repo, commit, path))))


@cache
def json_lines(mirror: Path, repo: str, commit: str, path: str) -> list[str]:
    return blob(mirror, repo, commit, path).splitlines()


def clean(text: str) -> str:
    """Non-breaking spaces and the CSV's mis-decoded pound sign made plain."""
    return " ".join(text.replace("\u00c2\u00a3", "£").replace("\u00a0", " ").split())


def paragraphs(story: str) -> str:
    sentences, start = [], 0
    for end in SENTENCE_END.finditer(story):
        sentences.append(story[start:end.start()] + end.group(0).strip())  # closing quote
        start = end.end()
    sentences.append(story[start:])
    return "\n\n".join(" ".join(sentences[i:i + PER_PARAGRAPH])
                       for i in range(0, len(sentences), PER_PARAGRAPH))


def text_of(locator: dict, mirror: Path) -> tuple[str, str]:
    """(title, body) of one labelled item."""
    key = (mirror, locator["repo"], locator["commit"], locator["path"])
    if "row" in locator:
        words = clean(csv_rows(*key)[locator["row"]]["text"]).split(" ")
        cut = locator["title_words"]
        return " ".join(words[:cut]), paragraphs(" ".join(words[cut:]))
    if "line" in locator:
        item = json.loads(json_lines(*key)[locator["line"]])
        return clean(item["headline"]), clean(item["short_description"])
    if locator.get("front_matter"):
        _, head, body = FRONT_MATTER.split(blob(*key), 2)
        title = re.search(r"^title:(.*)$", head, re.M)
        return (clean(title.group(1)) if title else ""), paras_of(body)
    lines = blob(*key).splitlines()
    first = next(n for n, line in enumerate(lines) if line.strip())
    return clean(lines[first]), paras_of("\n".join(lines[first + 1:]))


def paras_of(body: str) -> str:
    paras = [clean(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "\n\n".join(paras)


def build(labels: list[dict], mirror: Path) -> list[dict]:
    out = []
    for label in labels:
        title, body = text_of(label["locator"], mirror)
        if not title or not body:
            raise ValueError(f"{label['id']}: no title or body at {label['locator']}")
        out.append({"id": label["id"], "title": title, "body": body,
                    "full_text": label["full_text"], "category": label["category"],
                    "main_names": label["main_names"], "ok_names": label["ok_names"],
                    "source": label["source"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    labels = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines()
              if line.strip()]
    ids = [label["id"] for label in labels]
    if len(ids) != len(set(ids)):
        sys.exit(f"duplicate ids in {args.labels}")
    try:
        articles = build(labels, args.mirror)
    except MissingSnapshot as missing:
        sys.exit(str(missing))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                        "utf-8")
    print(f"{len(articles)} articles written to {args.out}")


if __name__ == "__main__":
    main()
