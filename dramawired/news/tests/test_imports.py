"""Comments sit on posts, so comments import news and never the reverse: the article page
gets its comments area from the comments app's template tag, not by importing it."""

import ast
from pathlib import Path

import dramawired.news

NEWS = Path(dramawired.news.__file__).parent


def imported(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved."""
    package = ".".join(path.relative_to(NEWS.parent.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module]))
            names.update([module, *(f"{module}.{alias.name}" for alias in node.names)])
    return names


def test_imported_resolves_relative_imports():
    views = NEWS / "views" / "article.py"
    assert "dramawired.news.views.listing" in imported(views)  # `from .listing import …`
    assert "dramawired.news.models.Post" in imported(views)


def test_news_never_imports_comments():
    offenders = {str(path.relative_to(NEWS)): sorted(
                     n for n in imported(path) if n.startswith("dramawired.comments"))
                 for path in NEWS.rglob("*.py") if "tests" not in path.parts}
    assert {path: names for path, names in offenders.items() if names} == {}
