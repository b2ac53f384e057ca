"""`answerable mail receive FILE...` and `answerable mail fetch`: requests in from e-mail.

receive files each RFC 5322 message given (`-` reads one from standard input, so a mail
server can pipe each message to it) and prints the reference of the case each was filed
on; fetch does the same for every message in the FOI mailbox (ANSWERABLE_IMAP_*). A message
that cannot be read is kept for an officer and reported on standard error; the command
then exits with status 1, so a scheduler notices (nothing is lost: the message is kept).
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError

from answerable.mail import imap
from answerable.mail.intake import Outcome, receive
from answerable.mail.models import Source
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "Requests in from e-mail: receive message files, or fetch the FOI mailbox."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        received = commands.add_parser(
            "receive", help="file RFC 5322 messages (a file each; - reads standard input)"
        )
        received.add_argument("files", nargs="+", metavar="FILE")
        commands.add_parser("fetch", help="file every new message in the FOI mailbox (IMAP)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._handle(options)
        except OperationalError as error:
            # A busy or unreachable database: retryable. 75 is EX_TEMPFAIL (sysexits.h),
            # which makes a mail server piping to `receive -` keep the message and retry.
            raise CommandError(f"the database is busy, try again: {error}", returncode=75) from None

    def _handle(self, options: dict[str, Any]) -> None:
        if options["action"] == "fetch":
            try:
                outcomes = imap.fetch()
            except imap.MailboxError as error:
                raise CommandError(str(error)) from None
            queued = sum(self._report(outcome, "") for outcome in outcomes)
            self.stderr.write(f"{len(outcomes)} message(s) read from the mailbox")
        else:
            queued = 0
            for name in options["files"]:
                raw, source = self._read(name)
                queued += self._report(receive(raw, source), name)
        if queued:
            raise CommandError(f"{queued} message(s) could not be read: kept for an officer")

    def _read(self, name: str) -> tuple[bytes, str]:
        if name == "-":
            return sys.stdin.buffer.read(), Source.STDIN
        try:
            return Path(name).read_bytes(), Source.FILE
        except OSError as error:
            raise CommandError(f"{name}: {error.strerror or error}") from None

    def _report(self, outcome: Outcome, name: str) -> int:
        where = f"{name}: " if name and name != "-" else ""
        if not outcome.reference:
            self.stderr.write(f"{where}kept for an officer: {outcome.problem}")
            return 0 if outcome.duplicate else 1
        self.stdout.write(outcome.reference)
        if outcome.duplicate:
            self.stderr.write(f"{where}already received: {outcome.reference} unchanged")
        elif outcome.created:
            self.stderr.write(f"{where}new request {outcome.reference}")
        else:
            self.stderr.write(f"{where}added to {outcome.reference} as {outcome.kind}")
        return 0
