"""`answerable generate`: write synthetic interchange files for demos and benchmarks."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from answerable.core.uk_time import uk_date
from answerable.demo.synthetic.generator import (
    DEFAULT_IMMIGRATION_SHARE,
    DEFAULT_START,
    GenerationSpec,
    generate,
)
from answerable.startup import COMMAND_CHECKS


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = (
        "Write SYNTHETIC custody episodes (custody-episodes-v1) and disclosures "
        "(home-office-disclosures-v1) as CSV files, at any scale. The same options and seed "
        "give byte-identical files. Not real records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--episodes", type=int, required=True, help="rows of custody episodes")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--out", type=Path, required=True, help="directory to write into")
        parser.add_argument(
            "--from",
            dest="start",
            type=_date,
            default=DEFAULT_START,
            help=f"first day of arrivals, YYYY-MM-DD (default {DEFAULT_START})",
        )
        parser.add_argument(
            "--to",
            dest="end",
            type=_date,
            default=None,
            help="last day of arrivals, YYYY-MM-DD (default today; pass it for files that "
            "are identical on another day)",
        )
        parser.add_argument(
            "--immigration-share",
            type=float,
            default=DEFAULT_IMMIGRATION_SHARE,
            help="fraction of episodes held under immigration powers or for an immigration "
            f"offence; the rest are 'other' (default {DEFAULT_IMMIGRATION_SHARE})",
        )
        parser.add_argument(
            "--prefix", default="SYN", help="prefix of every reference (default SYN)"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        end = options["end"] or uk_date(timezone.now())
        try:
            spec = GenerationSpec(
                episodes=options["episodes"],
                seed=options["seed"],
                start=options["start"],
                end=end,
                immigration_share=options["immigration_share"],
                prefix=options["prefix"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        out: Path = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a directory")
        summary = generate(spec, out, progress=not options["no_progress"])
        self.stdout.write(
            f"Span {spec.start} to {spec.end}, seed {spec.seed}, immigration share "
            f"{spec.immigration_share}."
        )
        self.stdout.write(summary.describe())
