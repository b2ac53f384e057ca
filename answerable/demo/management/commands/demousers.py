"""`answerable demousers`: one demonstration user per role (synthetic installations only)."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.demo.users import DEFAULT_DIVISION, make_demo_users
from answerable.register.models import ImportBatch
from answerable.roles.roles import ROLES
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = (
        "Make one demonstration user per role, each with the password in "
        "ANSWERABLE_DEMO_PASSWORD. Refused unless the register holds synthetic demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--division", default=DEFAULT_DIVISION, help="divisional roles' code")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("ANSWERABLE_DEMO_PASSWORD", "")
        if len(password) < 12:
            raise CommandError("set ANSWERABLE_DEMO_PASSWORD (12 characters or more)")
        if not ImportBatch.objects.filter(synthetic=True).exists():
            raise CommandError(
                "demo users are only for an installation holding synthetic data "
                "(run `answerable demo` first)"
            )
        try:
            users = make_demo_users(password, options["division"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        for user in users:
            self.stdout.write(f"  {user.username:<20} {ROLES[user.role].name} ({user.division})")
