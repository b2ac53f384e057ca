"""`answerable roles grant USER ROLE [--division CODE]`, `revoke USER ROLE`, `list [USER]`.

Roles beyond an account manager's own are given here, on the server, by whoever may run
commands there (as `answerable createsuperuser`): the admin lets nobody give a role whose
permissions they do not hold (roles/grants.py). Each change is logged in the s62 audit
trail as done by this command and the server account that ran it (audit/accounts.py).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.roles.assign import assign_role
from answerable.roles.grants import role_of_group
from answerable.roles.models import StaffProfile
from answerable.roles.roles import ROLES, role_named
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "Give a staff account a role, take one away, or list accounts' roles."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        roles = ", ".join(role.value for role in ROLES)
        grant = commands.add_parser("grant", help="give USER the role ROLE")
        grant.add_argument("user", help="the account's user name")
        grant.add_argument("role", help=f"one of: {roles}")
        grant.add_argument("--division", help="the division's code, for a divisional role")
        revoke = commands.add_parser("revoke", help="take the role ROLE away from USER")
        revoke.add_argument("user")
        revoke.add_argument("role")
        listing = commands.add_parser("list", help="each account and its roles")
        listing.add_argument("user", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _user(self, name: str) -> Any:
        try:
            return get_user_model().objects.get_by_natural_key(name)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no account called {name!r}") from None

    def _role(self, name: str) -> Any:
        try:
            return role_named(name)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _grant(self, options: dict[str, Any]) -> None:
        user, role = self._user(options["user"]), self._role(options["role"])
        division = None
        if options["division"]:
            # The register's Division, as the profile names it (roles sit below the register).
            divisions = StaffProfile._meta.get_field("division").related_model._default_manager
            division = divisions.filter(code=options["division"]).first()
            if division is None:
                raise CommandError(f"--division {options['division']!r}: no such division")
        try:
            assign_role(user, role, division)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{user.get_username()} now has the role {ROLES[role].name}.")

    def _revoke(self, options: dict[str, Any]) -> None:
        user, role = self._user(options["user"]), self._role(options["role"])
        user.groups.remove(Group.objects.get(name=ROLES[role].name))
        self.stdout.write(f"{user.get_username()} no longer has the role {ROLES[role].name}.")

    def _list(self, options: dict[str, Any]) -> None:
        users = get_user_model().objects.order_by("username").prefetch_related("groups")
        if options["user"]:
            users = users.filter(pk=self._user(options["user"]).pk)
        for user in users:
            roles = [
                ROLES[role].name
                for role in map(role_of_group, (g.name for g in user.groups.all()))
                if role is not None
            ]
            flags = ["superuser"] if user.is_superuser else []
            flags += [] if user.is_active else ["inactive"]
            self.stdout.write(
                "\t".join([user.get_username(), ", ".join(roles) or "-", " ".join(flags)])
            )
