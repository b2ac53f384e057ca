"""`answerable retention schedule` and `answerable retention apply [--dry-run]`.

`schedule` prints the retention schedule in force (settings; retention/schedule.py).
`apply` removes what is due on `--as-of` (default today): register records past their
period and people with no record left, and requesters' details from cases closed long enough;
records an open request holds are left and reported. `--dry-run` lists what it would remove
and changes nothing. Run `apply` daily from the scheduler, after `answerable audit anchor`.
"""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from answerable.audit.actor import acting_as, command_actor
from answerable.retention import service
from answerable.retention.schedule import rules
from answerable.startup import COMMAND_CHECKS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of: {text!r} is not a date (YYYY-MM-DD)") from None


def _line(item: service.Due, verb: str) -> str:
    dated = f" (dated {item.dated.isoformat()})" if item.dated else ""
    reference = f" {item.reference}" if item.reference else ""
    if item.record_type == "requester_details":
        return f"{verb} the requester's details from case{reference}{dated}"
    return f"{verb} {item.label} {item.record_id}{dated}"


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "The retention schedule: `schedule` shows it, `apply` enforces it."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        shown = commands.add_parser("schedule", help="Show the retention schedule in force.")
        shown.add_argument("--json", action="store_true", help="print it as JSON")
        applying = commands.add_parser(
            "apply", help="Remove what the schedule says is due (records held are kept)."
        )
        applying.add_argument(
            "--dry-run", action="store_true", help="list what would be removed; change nothing"
        )
        applying.add_argument(
            "--as-of", type=_day, default=None, help="apply as on this day, YYYY-MM-DD"
        )
        applying.add_argument(
            "--json",
            action="store_true",
            help='print {"as_of", "dry_run", "counts", "remove", "held"} as JSON',
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "schedule":
            self._schedule(as_json=options["json"])
            return
        as_of = options["as_of"] or timezone.localdate()
        if options["dry_run"]:
            planned = service.plan(as_of)
            self._report(planned.due, planned.held, as_of, dry_run=True, as_json=options["json"])
            return
        with acting_as(command_actor("retention apply")):
            done = service.apply(as_of)
        self._report(done.removed, done.held, as_of, dry_run=False, as_json=options["json"])

    def _schedule(self, *, as_json: bool) -> None:
        found = rules()
        if as_json:
            self.stdout.write(json.dumps([rule.__dict__ for rule in found]))
            return
        for rule in found:
            self.stdout.write(
                f"{rule.label}: kept {rule.kept_for} from {rule.counted_from}; then {rule.then}"
            )

    def _report(
        self,
        removed: list[service.Due],
        held: list[service.Due],
        as_of: date,
        *,
        dry_run: bool,
        as_json: bool,
    ) -> None:
        if as_json:
            report = service.Plan(as_of=as_of, due=removed, held=held)
            self.stdout.write(json.dumps(report.as_dict(dry_run=dry_run)))
            return
        verb = "would remove" if dry_run else "removed"
        for item in removed:
            self.stdout.write(_line(item, verb))
        counts = service.Plan(as_of=as_of, due=removed).counts()
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        self.stdout.write(
            f"retention as of {as_of.isoformat()}: {verb} {len(removed)}"
            f"{f' ({summary})' if summary else ''}; {len(held)} kept, held for open requests"
        )
