"""`answerable release`: the statistics release calendar, from preparation to publication.

Contract:
  answerable release prepare --period 2026-Q3 [--series SLUG] [--publish-on YYYY-MM-DD]
                             [--reason TEXT] [--user NAME]
  answerable release announce --period 2026-Q4 [--series SLUG] [--on YYYY-MM-DD] [--reason TEXT]
  answerable release check EDITION --user NAME
  answerable release publish-due [--today YYYY-MM-DD]
  answerable release list
"""

import getpass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from answerable.startup import COMMAND_CHECKS
from answerable.statistics_releases import services
from answerable.statistics_releases.models import Edition, EditionStatus, ReleaseDefinition
from answerable.statistics_releases.periods import Period, parse_period


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date in the form YYYY-MM-DD") from None


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as error:
        raise CommandError(f"--period: {error}") from None


def _series(slug: str | None) -> ReleaseDefinition:
    definitions = ReleaseDefinition.objects.all()
    if slug:
        found = definitions.filter(slug=slug).first()
        if found is None:
            known = ", ".join(definitions.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"--series {slug!r}: no such release definition ({known})")
        return found
    count = definitions.count()
    if count == 1:
        return definitions.get()
    if count == 0:
        raise CommandError(
            "no release definition: add one in the administration site (Published statistics)"
        )
    raise CommandError(
        "name the series with --series: " + ", ".join(definitions.values_list("slug", flat=True))
    )


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "Announce, prepare, check and publish editions of the published statistics."

    def add_arguments(self, parser: CommandParser) -> None:
        steps = parser.add_subparsers(dest="step", required=True)
        prepare = steps.add_parser("prepare", help="count a period's tables for sign-off")
        announce = steps.add_parser("announce", help="put a period on the release calendar")
        for step in (prepare, announce):
            step.add_argument("--period", required=True, help="YYYY-QN or a financial year YYYY/YY")
            step.add_argument("--series", help="the release definition's slug (if several)")
            step.add_argument(
                "--reason", default="", help="for a revision of a published edition: why"
            )
        prepare.add_argument("--publish-on", help="the publication date, YYYY-MM-DD")
        prepare.add_argument("--user", help="who prepared it (default: the account running it)")
        announce.add_argument("--on", help="the publication date, YYYY-MM-DD")
        check = steps.add_parser("check", help="the disclosure manager's sign-off")
        check.add_argument("edition", help="the edition, e.g. immigration-statistics-2026-q3")
        check.add_argument("--user", required=True, help="the disclosure manager's user name")
        publish = steps.add_parser("publish-due", help="publish every checked edition due")
        publish.add_argument("--today", help="publish as on this day (default: today)")
        steps.add_parser("list", help="the release calendar")

    def handle(self, *args: Any, **options: Any) -> None:
        step = options["step"]
        try:
            getattr(self, "_" + step.replace("-", "_"))(options)
        except services.ReleaseError as error:
            raise CommandError(str(error)) from None

    def _date_ahead(self, text: str | None, option: str) -> date | None:
        if not text:
            return None
        day = _day(text, option)
        if day < timezone.localdate():
            raise CommandError(f"{option} {day} is in the past: a release date is announced ahead")
        return day

    def _prepare(self, options: dict[str, Any]) -> None:
        edition = services.prepare(
            _series(options["series"]),
            _period(options["period"]),
            prepared_by=options["user"] or getpass.getuser(),
            publish_on=self._date_ahead(options["publish_on"], "--publish-on"),
            reason=options["reason"],
        )
        withheld = sum(table.document["suppression"]["withheld"] for table in edition.tables.all())
        self.stdout.write(
            f"Prepared {edition.slug}: {edition.tables.count()} tables, {withheld} figures "
            f"withheld; to be published on {edition.publish_on} once checked by a disclosure "
            f"manager (answerable release check {edition.slug} --user NAME)"
        )

    def _announce(self, options: dict[str, Any]) -> None:
        edition = services.announce(
            _series(options["series"]),
            _period(options["period"]),
            self._date_ahead(options["on"], "--on"),
            reason=options["reason"],
        )
        self.stdout.write(f"Announced {edition.slug} for {edition.publish_on}")

    def _check(self, options: dict[str, Any]) -> None:
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"no edition {options['edition']!r} (answerable release list)")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"--user {options['user']!r}: no such user")
        services.check(edition, user)
        self.stdout.write(f"Checked {edition.slug}: it is published on {edition.publish_on}")

    def _publish_due(self, options: dict[str, Any]) -> None:
        today = _day(options["today"], "--today") if options["today"] else timezone.localdate()
        outcomes = services.publish_due(today)
        for outcome in outcomes:
            self.stdout.write(outcome.message)
        if not outcomes:
            self.stdout.write("Nothing due.")

    def _list(self, options: dict[str, Any]) -> None:
        for edition in Edition.objects.select_related("definition").order_by("publish_on", "pk"):
            status = EditionStatus(edition.status).label
            self.stdout.write(f"{edition.publish_on}  {edition.slug}  {status}")
