"""dramawired import-wordpress FILE_OR_URL [--dry-run] [--media] [--retag]
[--category-map FILE] [--new-categories create|uncategorized]: bring a WordPress site's
export (Tools → Export) over: posts, pages, comments, authors, categories, tags, images,
and every old address as a redirect."""

from django.core.management.base import BaseCommand, CommandError

from dramawired.pipeline.management.selection import progress_bar
from dramawired.wordpress.importing import ReadError
from dramawired.wordpress.report import lines
from dramawired.wordpress.retagging import retag_imported
from dramawired.wordpress.sourcefile import open_export
from dramawired.wordpress.terms import Terms, read_map
from dramawired.wordpress.wxr_import import WordPressImport


class Command(BaseCommand):
    help = "Import a WordPress export (WXR file, .zip or .gz, or its address)."

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL")
        parser.add_argument("--dry-run", action="store_true",
                            help="Read and check everything; save nothing.")
        parser.add_argument("--media", action="store_true",
                            help="Download the old site's images into our media storage.")
        parser.add_argument("--retag", action="store_true",
                            help="File and tag the imported posts with our own stages.")
        parser.add_argument("--category-map", metavar="FILE",
                            help="Lines of `Old category => Our category`.")
        parser.add_argument("--new-categories", choices=("create", "uncategorized"),
                            default="create", help="What becomes of a category we lack.")

    def handle(self, *args, source, dry_run, media, retag, category_map, new_categories,
               **options):
        terms = Terms(read_map(category_map), create=new_categories == "create")
        try:
            parts = open_export(source)
        except ReadError as exc:
            raise CommandError(str(exc)) from exc
        with progress_bar("import", self.stdout) as progress:
            importer = WordPressImport(parts, terms=terms, media=media, dry_run=dry_run,
                                       progress=progress)
            summary = importer.run()
        for line in lines(summary):
            self.stdout.write(line)
        if not summary.read:
            raise CommandError("nothing could be read from " + source)
        if retag and not dry_run:
            with progress_bar("retag", self.stdout) as progress:
                report = retag_imported(importer.site_key, progress=progress)
            self.stdout.write(f"Retagged: {report.changed} of {report.seen} posts changed")
