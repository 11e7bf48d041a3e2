"""Import practices from a CSV or XLSX file with the open-data columns."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pledges import importer


class Command(BaseCommand):
    help = (
        "Import practices (case studies) from a CSV or XLSX file with the columns of "
        "/open-data/practices.csv. Each new row becomes a draft case study submitted to the "
        "moderators' workflow; rows with errors, and practices already on the site (same id, "
        "or same government and title), are skipped and reported. --dry-run checks the file "
        "and writes nothing. --publish publishes the practices instead of submitting them: "
        "only for loading a dataset into a fresh site."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, import nothing"
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the imported practices (a fresh site only; skips the moderators)",
        )
        parser.add_argument(
            "--user",
            help="username recorded as the importer (submits the drafts to the workflow)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No such user: {options['user']}")
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                report = importer.check_file(data, path.name)
            else:
                report = importer.import_file(
                    data, path.name, user=user, publish=options["publish"]
                )
        except importer.ImportFileError as error:
            raise CommandError(str(error)) from error
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            raise CommandError("Nothing imported.")
        if report.ignored_columns:
            self.stdout.write(f"Columns ignored: {', '.join(report.ignored_columns)}")
        for row in report.rows:
            self.stdout.write(f"row {row.number}: {row.outcome_label} — {row.title}")
            for line in [*row.errors, *([row.duplicate] if row.duplicate else []), *row.notes]:
                self.stdout.write(f"    {line}")
        counts = report.counts
        if report.dry_run:
            summary = (
                f"Dry run: {counts['ready']} ready to import, {counts['duplicate']} already "
                f"there, {counts['error']} with errors. Nothing was written."
            )
        else:
            summary = (
                f"{counts['draft']} drafts submitted to the moderators, {counts['published']} "
                f"published, {counts['duplicate']} already there, {counts['error']} with errors."
            )
        self.stdout.write(summary)
