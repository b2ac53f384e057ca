"""`answerable demo`: load the SYNTHETIC demonstration data set (idempotent; `make run`
calls it every time)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.demo.cases import load_demo_cases
from answerable.demo.releases import publish_demo_releases
from answerable.demo.synthetic.demo import load_demo
from answerable.interchange.errors import ImportRejected
from answerable.startup import COMMAND_CHECKS

MAX_ERRORS_SHOWN = 20


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = (
        "Load SYNTHETIC demonstration data calibrated to Police Scotland's published figures "
        "(references DEMO-...). Running it again the same day changes nothing; on a later day "
        "it adds what has happened since."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="load the data as at the start of this day, YYYY-MM-DD (default today)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = not options["no_progress"] and options["verbosity"] > 0
        try:
            summary = load_demo(options["as_of"], progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            # A demo file the importer rejects is a bug in the demo: show where.
            for problem in rejected.errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(problem.format(rejected.file_name))
            raise CommandError(
                f"the demo file {rejected.file_name} was rejected with "
                f"{len(rejected.errors)} error(s); nothing from it was stored"
            ) from None
        for line in summary.lines():
            self.stdout.write(line)
        for reference in load_demo_cases():
            self.stdout.write(f"  FOI case {reference}: answered from the register and issued")
        for edition in publish_demo_releases(options["as_of"]):
            self.stdout.write(f"  Statistics {edition}: published")
