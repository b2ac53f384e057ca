"""`answerable ask QUESTION ...`: answer a catalogue question from the register.

Contract: answerable ask QUESTION [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  [--where DIM=VALUE[,VALUE...]]... [--by DIM[,DIM...]] [--bands H1,H2,...] [--ages A1,A2,...]
  [--count episodes|people] [--group DIM=LABEL:VALUE,VALUE]... [--threshold N | --no-suppression]
  [--format table|json|csv|xlsx] [--out FILE]
"""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.answers import bands
from answerable.answers.answer import ReleaseRefused, ThresholdError, answer
from answerable.answers.budget import QuestionTooCostly, counted
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.coarser import offers, parse_groups
from answerable.answers.engine import EPISODES, PEOPLE, Ask, AskError
from answerable.answers.ledger.release import explore
from answerable.answers.output.formats import FORMATS, render, write_xlsx


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _where(items: list[str]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for item in items:
        name, equals, values = item.partition("=")
        name = name.strip()
        if not equals or not name or not values.strip():
            raise CommandError(f"--where {item!r}: write it as DIM=VALUE[,VALUE...]")
        if name in where:
            raise CommandError(f"--where names {name!r} twice; list its values once, with commas")
        where[name] = [value.strip() for value in values.split(",") if value.strip()]
    return where


def _groups(items: list[str]) -> dict[str, dict[str, list[str]]]:
    try:
        return parse_groups(items)
    except ValueError as error:
        raise CommandError(f"--{error}") from None


class Command(BaseCommand):
    help = "Answer a catalogue question from the register, under disclosure control."
    # It only reads: no system checks, which would load every URL, view and admin module
    # (issue 16: a quick start). `answerable check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("question", help="one of: " + ", ".join(CATALOGUE))
        parser.add_argument("--from", dest="first_day", help="first day, YYYY-MM-DD (inclusive)")
        parser.add_argument("--to", dest="last_day", help="last day, YYYY-MM-DD (inclusive)")
        parser.add_argument(
            "--where",
            action="append",
            default=[],
            metavar="DIM=VALUE[,VALUE...]",
            help="keep only records whose dimension has one of the values",
        )
        parser.add_argument("--by", default="", metavar="DIM[,DIM...]", help="break down by")
        parser.add_argument(
            "--bands",
            default="24,48",
            metavar="H1,H2,...",
            help="duration band upper bounds in hours (default 24,48)",
        )
        parser.add_argument(
            "--ages",
            default="18",
            metavar="A1,A2,...",
            help="age band lower bounds in years (default 18)",
        )
        parser.add_argument("--count", choices=(EPISODES, PEOPLE), default=EPISODES)
        parser.add_argument(
            "--group",
            action="append",
            default=[],
            metavar="DIM=LABEL:VALUE,VALUE",
            help="merge values of a breakdown into one row, e.g. 'sex=male or other:male,other'",
        )
        control = parser.add_mutually_exclusive_group()
        control.add_argument(
            "--threshold",
            type=int,
            metavar="N",
            help="withhold counts from 1 to N-1 for this answer: raises the settings' policy, "
            "never lowers it",
        )
        control.add_argument(
            "--no-suppression", action="store_true", help="exact figures, for internal use only"
        )
        parser.add_argument("--format", choices=FORMATS, default="table")
        parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["threshold"] is not None and options["threshold"] < 2:
            raise CommandError("--threshold must be at least 2")
        try:
            ask = Ask(
                question=options["question"],
                first_day=_day(options["first_day"]) if options["first_day"] else None,
                last_day=_day(options["last_day"]) if options["last_day"] else None,
                where=_where(options["where"]),
                by=tuple(name.strip() for name in options["by"].split(",") if name.strip()),
                duration_bounds=bands.parse_bounds(options["bands"], what="--bands"),
                age_bounds=bands.parse_bounds(options["ages"], what="--ages"),
                count=options["count"],
                groups=_groups(options["group"]),
            )
            if ask.first_day and ask.last_day and ask.first_day > ask.last_day:
                raise CommandError("--from is after --to")
            # Counted once, within the answer budget (ANSWERABLE_ANSWER_TIMEOUT_MS).
            counts = counted(ask)
            if options["no_suppression"]:
                result = answer(ask, suppress=False, counts=counts)
            else:
                # What could be released today: checked against every earlier release in the
                # ledger, and not recorded (staff exploration).
                result = explore(ask, options["threshold"], counts=counts)
        except QuestionTooCostly as error:
            raise CommandError(
                f"{error} To wait as long as it takes, run it with "
                "ANSWERABLE_ANSWER_TIMEOUT_MS=0 (no budget) or a larger budget in milliseconds.",
                returncode=3,
            ) from None
        except (AskError, ThresholdError, ReleaseRefused, ValueError) as error:
            raise CommandError(str(error)) from None

        out: Path | None = options["out"]
        if options["format"] == "xlsx":
            if out is None:
                raise CommandError("--format xlsx needs --out FILE")
            write_xlsx(result, out)
            self.stdout.write(f"Wrote {out}")
            return
        text = render(result, options["format"])
        if options["format"] == "table" and not options["no_suppression"]:
            for offer in offers(result):
                text += (
                    "Most figures are withheld; a coarser grouping could be published: "
                    + " ".join(f"--group '{option}'" for option in offer.option())
                    + "\n"
                )
        if out is None:
            self.stdout.write(text, ending="")
        else:
            out.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {out}")
