"""`answerable remind [--dry-run] [--today YYYY-MM-DD] [--within N]`: e-mail each officer
their FOI cases due within N working days (ANSWERABLE_REMIND_WITHIN_DAYS) and overdue; and,
as the same scheduled run, publish the statistics editions whose announced day has come."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from answerable.casework import reminders
from answerable.startup import COMMAND_CHECKS
from answerable.statistics_releases import services as statistics


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today {text!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "E-mail each officer their FOI cases that are due soon or overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list the reminders without sending them"
        )
        parser.add_argument("--today", help="count from this day (default: today), YYYY-MM-DD")
        parser.add_argument(
            "--within",
            type=int,
            metavar="N",
            help="working days ahead (default: ANSWERABLE_REMIND_WITHIN_DAYS, 5)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        within = options["within"]
        if within is not None and within < 0:
            raise CommandError("--within must not be negative")
        try:
            found, unassigned = reminders.reminders(today, within)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for reminder in found:
            name = reminder.officer.get_username()
            if reminder.message is None:
                self.stderr.write(f"{name} has no e-mail address: {len(reminder.items)} case(s)")
            else:
                self.stdout.write(f"{name}: {len(reminder.items)} case(s)")
            if options["dry_run"]:
                for item in reminder.items:
                    self.stdout.write(f"  {item.line()}")
        if unassigned:
            self.stderr.write(
                f"{len(unassigned)} case(s) due or overdue have no officer: "
                + ", ".join(item.reference for item in unassigned)
            )
        if options["dry_run"]:
            for edition in statistics.due(today):
                self.stdout.write(f"Statistics due: {edition.slug} ({edition.publish_on})")
            self.stdout.write("Dry run: nothing sent.")
            return
        sent = reminders.send(found)
        unit = reminders.unit_message(
            unassigned, reminders.within_days() if within is None else within
        )
        if unit is not None:
            sent += unit.send()
        self.stdout.write(f"Sent {sent} reminder(s).")
        # The same daily run publishes the statistics whose announced day has come
        # (`answerable release publish-due` does this alone).
        for outcome in statistics.publish_due(today):
            self.stdout.write(f"Statistics: {outcome.message}")
