"""`answerable import custody FILE` and `answerable import disclosures FILE`."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.interchange.registry import TARGETS
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = (
        "Import an interchange file (custody-episodes-v1 or home-office-disclosures-v1). "
        "The whole file or nothing: every error is listed with its line and column."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(TARGETS), help="which format the file is in")
        parser.add_argument("file", type=Path, help="the CSV file")
        parser.add_argument(
            "--user", help="the staff username the changes are recorded against in history"
        )
        parser.add_argument(
            "--add-stations",
            action="store_true",
            help="add forces, divisions and custody centres the file names but the reference "
            "data lacks (by default an unknown name is an error, as it is usually a typo)",
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="mark the batch as synthetic data (e.g. from `answerable generate`), so every "
            "page warns that the register holds no real records",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get_by_natural_key(options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"--user {options['user']!r}: no such staff user") from None
        try:
            summary = import_file(
                options["kind"],
                path,
                user=user,
                add_stations=options["add_stations"],
                synthetic=options["synthetic"],
                progress=not options["no_progress"],
            )
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(error.format(str(path)))
            raise CommandError(
                f"{path}: rejected with {len(rejected.errors)} error(s); nothing was stored"
            ) from None
        # connection.Database: the backend's driver module, which the stubs leave out.
        except (DatabaseError, connection.Database.Error) as lost:  # type: ignore[attr-defined]
            # The import is one transaction (interchange/importer.py): whatever ended it, the
            # database rolled it back. The driver's own words say what happened.
            raise CommandError(
                f"{path}: the database failed during the import; nothing from the file was "
                f"stored ({type(lost).__name__}: {lost})"
            ) from None
        self.stdout.write(summary.describe())
