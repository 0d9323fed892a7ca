"""Running an import of one of our sample exports (testdata/) in a test."""

from pathlib import Path

import pytest

from dramawired.wordpress.sourcefile import open_export
from dramawired.wordpress.terms import Terms, read_map
from dramawired.wordpress.wxr_import import WordPressImport

TESTDATA = Path(__file__).parent / "testdata"


def run_import(path, *, media=False, dry_run=False, category_map=None, create=True):
    importer = WordPressImport(open_export(str(path)),
                               terms=Terms(read_map(category_map), create=create),
                               media=media, dry_run=dry_run)
    return importer.run()


@pytest.fixture
def imported(db):
    """The classic sample imported once."""
    return run_import(TESTDATA / "classic.xml")
