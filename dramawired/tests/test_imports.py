"""Imports between apps run one way, checked here for every pair that once ran both ways.

- The pipeline polls sources and records how they went, so it imports sources and never
  the reverse: what needs the fetcher (feed discovery, the `sources` command, the Source
  admin with its poll and re-extract buttons) lives in the pipeline.
- The pipeline does not import the site apps built on top of it (comments, the news
  views): retention reaches comments through Post's reverse relation.
- Comments sit on posts, so comments import news and never the reverse: the article page
  gets its comments area from the comments app's template tag."""

import ast
from pathlib import Path

import dramawired

ROOT = Path(dramawired.__file__).parent
SOURCES, PIPELINE, NEWS = ROOT / "sources", ROOT / "pipeline", ROOT / "news"


def imported(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved."""
    package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module]))
            names.update([module, *(f"{module}.{alias.name}" for alias in node.names)])
    return names


def offenders(app: Path, *forbidden: str) -> dict[str, list[str]]:
    """Non-test modules of `app` that import a module under one of `forbidden`."""
    found = {str(path.relative_to(app)): sorted(
                 n for n in imported(path)
                 if any(n == f or n.startswith(f + ".") for f in forbidden))
             for path in app.rglob("*.py") if "tests" not in path.parts}
    return {path: names for path, names in found.items() if names}


def test_imported_resolves_relative_imports():
    assert "dramawired.sources.models.Source" in imported(SOURCES / "opml.py")
    assert "dramawired.pipeline.models.JobRun" in imported(PIPELINE / "admin.py")
    views = NEWS / "views" / "article.py"
    assert "dramawired.news.views.listing" in imported(views)  # `from .listing import …`
    assert "dramawired.news.models.Post" in imported(views)


def test_the_pipeline_imports_sources():
    assert offenders(PIPELINE, "dramawired.sources")  # the allowed direction is in use


def test_sources_never_imports_the_pipeline():
    assert offenders(SOURCES, "dramawired.pipeline") == {}


def test_the_pipeline_never_imports_comments_or_news_views():
    assert offenders(PIPELINE, "dramawired.comments", "dramawired.news.views") == {}


def test_news_never_imports_comments():
    assert offenders(NEWS, "dramawired.comments") == {}


def test_news_never_imports_the_pipeline():
    # The pipeline writes posts and extends the news admin (the classifier's retrain
    # button), never the reverse.
    assert offenders(NEWS, "dramawired.pipeline") == {}
