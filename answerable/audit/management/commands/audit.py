"""`answerable audit verify`: check the s62 audit trail's hash chain; `answerable audit
anchor`: record the chain head outside the database (audit/anchor.py).

`verify` exits 0 and says "intact" when every entry holds; otherwise exits 1 and names the
first entry that does not (edited, deleted, reordered, forged, or the tail cut off, found by
the chain head or, when the head went too, by the latest anchor).
"""

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.audit import anchor
from answerable.audit.chain import parse_recorded
from answerable.audit.verify import check
from answerable.startup import COMMAND_CHECKS


def _recorded(text: str) -> tuple[int, str]:
    try:
        return parse_recorded(text)
    except ValueError as error:
        raise CommandError(f"--recorded: {error}") from None


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
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
            help='Print {"intact", "entries", "first_broken", "head_sequence", "head", "anchor"} '
            "as JSON.",
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
        which = verify.add_mutually_exclusive_group()
        which.add_argument(
            "--anchor-file",
            type=Path,
            metavar="FILE",
            help="Check against the latest anchor in FILE (by default the anchor directory's).",
        )
        which.add_argument(
            "--no-anchor", action="store_true", help="Do not check against any anchor."
        )
        anchoring = commands.add_parser(
            "anchor",
            help="Write the chain head, signed, to the anchor file (run it daily), and e-mail it "
            "to ANSWERABLE_AUDIT_ANCHOR_EMAIL if set.",
        )
        anchoring.add_argument(
            "--no-email", action="store_true", help="Write the anchor but send no e-mail."
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "anchor":
            self._anchor(email=not options["no_email"])
            return
        anchor_file = options.get("anchor_file")
        if anchor_file is not None and not anchor_file.is_file():
            raise CommandError(f"--anchor-file: {anchor_file}: no such file")
        recorded = _recorded(options["recorded"]) if options.get("recorded") else None

        def progress(count: int) -> None:
            if options["verbosity"] > 1:
                self.stderr.write(f"  checked {count:,} entries")

        result = check(
            progress, recorded, anchor_file=anchor_file, use_anchor=not options["no_anchor"]
        )
        if result.anchor is None and result.entries and not options["no_anchor"]:
            # Anchoring on and entries made, yet no anchor: it was never written (anchoring
            # just turned on) or the file was removed. Either way the trail's tail is unproven.
            where = anchor.default_file()
            if where is not None:
                self.stderr.write(
                    f"warning: no anchor in {where}, so a tail cut off together with the chain "
                    "head would not be seen; run `answerable audit anchor`, and find out why "
                    "there was none"
                )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        if result.problem is not None:
            raise CommandError(
                f"audit trail broken at {result.problem} ({result.entries:,} entries)"
            )
        if not options["json"]:
            head = f"{result.head_sequence}:{result.head}" if result.head else "(empty)"
            anchored = (
                f"; anchor {result.anchor['sequence']} ({result.anchor['at']}) holds"
                if result.anchor
                else ""
            )
            self.stdout.write(
                f"audit trail intact: {result.entries:,} entries; head {head}{anchored}"
            )

    def _anchor(self, *, email: bool) -> None:
        if anchor.default_file() is None:
            raise CommandError(
                "ANSWERABLE_AUDIT_ANCHOR_DIR is not set: there is nowhere to write the anchor"
            )
        try:
            written = anchor.anchor_head(email=email)
        except OSError as error:
            raise CommandError(f"the anchor could not be written or sent: {error}") from None
        if written is None:
            self.stdout.write("the audit trail is empty: nothing to anchor")
            return
        self.stdout.write(
            f"anchored entry {written.sequence}:{written.hash} in {anchor.default_file()}"
        )
