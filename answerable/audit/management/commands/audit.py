"""`answerable audit verify`: check the s62 audit trail's hash chain.

Exits 0 and says "intact" when every entry holds; otherwise exits 1 and names the first
entry that does not (edited, deleted, reordered, forged, or the tail cut off).
"""

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.audit.chain import parse_recorded
from answerable.audit.verify import check


def _recorded(text: str) -> tuple[int, str]:
    try:
        return parse_recorded(text)
    except ValueError as error:
        raise CommandError(f"--recorded: {error}") from None


class Command(BaseCommand):
    help = "The s62 audit trail: `verify` checks every entry's hash and its link to the last."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        verify = commands.add_parser(
            "verify",
            help="Check the hash chain; name the first entry edited, deleted or out of order.",
        )
        verify.add_argument(
            "--json",
            action="store_true",
            help='Print {"intact", "entries", "first_broken", "head_sequence", "head"} as JSON.',
        )
        # Also after the subcommand (`audit verify -v 2`), where people put it.
        verify.add_argument(
            "-v",
            "--verbosity",
            type=int,
            choices=[0, 1, 2, 3],
            default=argparse.SUPPRESS,
            help="2 or more: show progress every 5,000 entries on standard error.",
        )
        verify.add_argument(
            "--recorded",
            metavar="SEQUENCE:HASH",
            help="A head recorded outside Answerable earlier: check that entry still has it.",
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        recorded = _recorded(options["recorded"]) if options.get("recorded") else None

        def progress(count: int) -> None:
            if options["verbosity"] > 1:
                self.stderr.write(f"  checked {count:,} entries")

        result = check(progress, recorded)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        if result.problem is not None:
            raise CommandError(
                f"audit trail broken at {result.problem} ({result.entries:,} entries)"
            )
        if not options["json"]:
            head = f"{result.head_sequence}:{result.head}" if result.head else "(empty)"
            self.stdout.write(f"audit trail intact: {result.entries:,} entries; head {head}")
