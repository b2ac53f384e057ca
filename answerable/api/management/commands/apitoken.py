"""`answerable apitoken create NAME --scope S ...`, `revoke NAME`, `list`.

The token is printed once, on creation (or with --new-token); only its SHA-256 is stored.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from answerable.api.models import ApiClient
from answerable.api.scopes import DESCRIPTIONS, parse_scopes
from answerable.register.models import Force
from answerable.startup import COMMAND_CHECKS


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "Create, list and revoke the API tokens of the systems that call the API."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="register a system and print its token")
        create.add_argument("name", help="the system's name, e.g. custody-system")
        create.add_argument(
            "--scope",
            action="append",
            required=True,
            metavar="SCOPE",
            help="what it may do (repeat, or separate with commas): "
            + "; ".join(f"{scope.value}: {text}" for scope, text in DESCRIPTIONS.items()),
        )
        create.add_argument("--description", default="", help="what the system is")
        create.add_argument(
            "--force", help="the force whose records it reads and writes (default: our own)"
        )
        create.add_argument(
            "--new-token",
            action="store_true",
            help="the system exists: issue it a new token (the old one stops working)",
        )
        revoke = commands.add_parser("revoke", help="refuse the system's token from now on")
        revoke.add_argument("name")
        commands.add_parser("list", help="the systems, their scopes and whether active")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        try:
            scopes = parse_scopes(" ".join(options["scope"]))
        except ValueError as error:
            raise CommandError(str(error)) from None
        force = None
        if options["force"]:
            force = Force.objects.filter(name=options["force"]).first()
            if force is None:
                raise CommandError(f"--force {options['force']!r}: no such force")
        client = ApiClient.objects.filter(name=options["name"]).first()
        if client is not None and not options["new_token"]:
            raise CommandError(
                f"{options['name']!r} exists already; use --new-token to replace its token"
            )
        client = client or ApiClient(name=options["name"])
        client.scopes = [scope.value for scope in scopes]
        client.description = options["description"] or client.description
        client.force = force or client.force
        client.active, client.revoked_at = True, None
        token = client.issue_token()
        try:
            client.full_clean()
        except ValidationError as error:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise CommandError(problems) from None
        client.save()
        self.stderr.write(
            f"{client.name}: {', '.join(client.scopes)}. The token follows; it is shown only "
            "now (only its SHA-256 is stored):"
        )
        self.stdout.write(token)

    def _revoke(self, options: dict[str, Any]) -> None:
        client = ApiClient.objects.filter(name=options["name"]).first()
        if client is None:
            raise CommandError(f"{options['name']!r}: no such API client")
        client.revoke()
        client.save(update_fields=["active", "revoked_at"])
        self.stdout.write(f"Revoked the token of {client.name}.")

    def _list(self, options: dict[str, Any]) -> None:
        for client in ApiClient.objects.select_related("force"):
            state = "active" if client.active else "revoked"
            self.stdout.write(
                f"{client.name}\t{state}\t{client.force_name()}\t{' '.join(client.scopes)}"
            )
