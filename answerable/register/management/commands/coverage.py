"""`answerable coverage`: what the register holds, and from when.

Contract: answerable coverage [--json]
          answerable coverage set KIND --from YYYY-MM-DD [--reason TEXT]
KIND is custody, disclosures, nccu or icce. A period wholly before a record type's first day
is answered "not held"; one that starts before it is answered for the part held.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.audit.actor import current_actor
from answerable.register.coverage import KIND_TITLES, KINDS, parse_day, parse_kind
from answerable.register.coverage_records import Coverage, all_coverage, record_coverage
from answerable.startup import COMMAND_CHECKS


def _line(coverage: Coverage) -> str:
    title = KIND_TITLES[coverage.kind]
    if coverage.held_from is None:
        return f"{coverage.kind:<12} not set (every period is treated as held)  {title}"
    line = f"{coverage.kind:<12} held from {coverage.held_from.isoformat()}  {title}"
    if coverage.reason:
        line += f": {coverage.reason}"
    return line


def _as_json(coverage: Coverage) -> dict[str, Any]:
    return {
        "kind": coverage.kind,
        "held_from": coverage.held_from.isoformat() if coverage.held_from else None,
        "reason": coverage.reason,
        "recorded_by": coverage.recorded_by,
    }


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "List, or set, the first day from which the register holds each record type."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="list as JSON")
        actions = parser.add_subparsers(dest="action", metavar="set")
        setting = actions.add_parser(
            "set", help="record the first day held for a record type", description=self.help
        )
        setting.add_argument("kind", metavar="KIND", help="one of: " + ", ".join(KINDS))
        setting.add_argument(
            "--from", dest="first_day", required=True, metavar="YYYY-MM-DD", help="first day held"
        )
        setting.add_argument("--reason", default="", help="why it is held from that day")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("action") == "set":
            self._set(options)
            return
        rows = all_coverage()
        if options["json"]:
            self.stdout.write(json.dumps([_as_json(row) for row in rows], indent=2))
            return
        for row in rows:
            self.stdout.write(_line(row))

    def _set(self, options: dict[str, Any]) -> None:
        try:
            kind = parse_kind(options["kind"])
            first_day = parse_day(options["first_day"], what="--from")
        except ValueError as error:
            raise CommandError(str(error)) from None
        reason = options["reason"].strip()
        changed = record_coverage(kind, first_day, reason, current_actor())
        state = "recorded" if changed else "already recorded; nothing changed"
        self.stdout.write(f"{kind}: held from {first_day.isoformat()} ({state})")
