"""`answerable restore FILE`: bring back a backup made by `answerable backup`, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from answerable.backup.loader import restore
from answerable.backup.manifest import BackupError
from answerable.backup.reader import open_backup


class Command(BaseCommand):
    # Needs the database only: a backup or a restore must run even when a page is broken.
    requires_system_checks: list[str] = []
    help = (
        "Restore a backup made by `answerable backup`: checks every byte and the migrations "
        "first, then loads everything in one transaction and checks the audit trail's chain. "
        "Refuses a database that holds data unless --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="empty a database that holds data and replace all of it with the backup",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with open_backup(path) as backup:
                summary = restore(
                    backup, replace=options["replace"], progress=not options["no_progress"]
                )
        except BackupError as error:
            raise CommandError(f"{error}; nothing was restored") from None
        except DatabaseError as error:
            # A row the database refuses (a constraint) or a connection lost: the one
            # transaction is rolled back, so the database is as it was.
            raise CommandError(
                f"{path}: the database refused the restore ({type(error).__name__}: "
                f"{error}); nothing was restored"
            ) from None
        self.stdout.write(summary.describe())
        audit = summary.audit
        if not audit.intact:
            # The backup is restored as it was; a chain that does not hold must be looked into.
            raise CommandError(
                f"restored, but the audit trail is broken at {audit.problem} "
                f"({audit.entries:,} entries)"
            )
        head = f"{audit.head_sequence}:{audit.head}" if audit.head else "(empty)"
        self.stdout.write(f"audit trail intact: {audit.entries:,} entries; head {head}")
