"""`answerable statistics --quarter 2026-Q3 [--out FILE]`: the Scottish Information
Commissioner's quarterly return as CSV (FOI and EIR in separate columns)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from answerable.casework.statistics import (
    as_csv,
    last_complete_quarter,
    parse_quarter,
    quarterly_return,
)
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "The quarterly statistics return (OSIC) as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quarter",
            help="YYYY-QN, a calendar quarter (Q3 is July to September); "
            "default: the last complete quarter",
        )
        parser.add_argument("--out", type=Path, metavar="FILE", help="write the CSV to FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = (
                parse_quarter(options["quarter"])
                if options["quarter"]
                else last_complete_quarter(timezone.localdate())
            )
        except ValueError as error:
            raise CommandError(f"--quarter: {error}") from None
        text = as_csv(quarterly_return(quarter))
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(text, ending="")
            return
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"--out {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote {out} ({quarter}: {quarter.describe()})")
