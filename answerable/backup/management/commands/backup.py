"""`answerable backup FILE`: the whole database in one consistent snapshot, sealed with
ANSWERABLE_BACKUP_KEY (loader.py, writer.py and sealed.py say what it holds and how;
`answerable restore FILE` brings it back). `answerable backup --new-key` prints a new key."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.backup.manifest import BackupError
from answerable.backup.sealed import new_key
from answerable.backup.writer import write_backup


class Command(BaseCommand):
    # Needs the database only: a backup or a restore must run even when a page is broken.
    requires_system_checks: list[str] = []
    help = (
        "Write every table (the register and its history, casework, documents and their "
        "files, the disclosure log, users and roles, the audit trail) to FILE, a zip read in "
        "one snapshot while the service runs on. Restores on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            help="the backup file to write (sealed with ANSWERABLE_BACKUP_KEY, mode 0600)",
        )
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="print a new ANSWERABLE_BACKUP_KEY and stop (keep it apart from the backups)",
        )
        parser.add_argument(
            "--force", action="store_true", help="overwrite FILE if it already exists"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        path: Path | None = options["file"]
        if path is None:
            raise CommandError("name the backup FILE to write (or --new-key for a new key)")
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} already exists (pass --force to overwrite it)")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such directory")
        try:
            summary = write_backup(path, progress=not options["no_progress"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name in summary.missing_files:
            self.stderr.write(f"warning: document file {name} is named but not in storage")
        self.stdout.write(summary.describe())
